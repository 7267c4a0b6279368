package org.aepsbridge.resendotp.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real OTLP receiver (OTLP over HTTP, protobuf) on a free local port, set as the bundle's trace
 * endpoint: what an operator's collector would see. It answers every export with 200 and keeps the
 * request bodies (as ISO-8859-1 text, so every byte is kept and the strings in them read as
 * they are) for the test, and writes each down for the output hygiene check.
 */
public class OtlpReceiver implements QuarkusTestResourceLifecycleManager {

    /** Marks the test field ({@code List<String>}) that receives the export bodies. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {}

    private final List<String> exports = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.pick()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
            exports.add(exchange.getRequestURI().getPath() + "\n" + body);
            OutputHygiene.capture("spans", "otlp-export", body);
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return Map.of(
                "quarkus.otel.exporter.otlp.traces.endpoint",
                        "http://127.0.0.1:" + server.getAddress().getPort(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(exports, new TestInjector.AnnotatedAndMatchesType(Inject.class, List.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
