package org.aepsbridge.resendotp.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * A real HTTP server standing in for AOPay: WireMock on a free port, with the stubs in
 * src/test/resources/wiremock/mappings (one per kind of answer, chosen by RegistrationID).
 * Started before Quarkus boots; the application is pointed at it via aopay.base-url.
 * Its port is fixed once chosen, so a test can stop it (AOPay refusing connections) and
 * start it again where the application expects it: a port no other process is handed
 * meanwhile ({@link FreePorts}).
 */
public class AopayStandIn implements QuarkusTestResourceLifecycleManager {

    /** Marks the test field that receives the running {@link WireMockServer}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {}

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        for (int attempt = 1; ; attempt++) {
            server = new WireMockServer(options()
                    .port(FreePorts.pick())
                    // As sent, chunk by chunk: gzip would hold a trickling body back until its end.
                    .gzipDisabled(true)
                    .bindAddress("127.0.0.1")
                    .usingFilesUnderClasspath("wiremock")
                    .notifier(new ConsoleNotifier(false)));
            try {
                server.start();
                return Map.of("aopay.base-url", server.baseUrl());
            } catch (RuntimeException e) {
                if (attempt == 3 || !FreePorts.isPortTaken(e)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                server, new TestInjector.AnnotatedAndMatchesType(Inject.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
