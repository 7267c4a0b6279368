package org.aepsbridge.resendotp.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.aepsbridge.resendotp.jms.EmbeddedBroker;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * A real ActiveMQ Artemis broker for the tests, over TCP on a free port (CORE, AMQP and
 * STOMP), started before Quarkus boots; the application connects to it as to an
 * external broker.
 */
public class ArtemisTestBroker implements QuarkusTestResourceLifecycleManager {

    /** Marks the test field that receives the running broker (to stop and start it, as in an outage). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    /** Where tests connect: the port is known once the broker is up. */
    public static volatile int port;

    private EmbeddedActiveMQ broker;

    @Override
    public Map<String, String> start() {
        try {
            port = freePort();
            Path data = Files.createTempDirectory(Path.of("target"), "artemis-test-");
            broker = EmbeddedBroker.start("127.0.0.1", port, data, "aopay.resendotp.dlq");
            return Map.of("aopay.jms.broker-url", coreUrl());
        } catch (Exception e) {
            throw new IllegalStateException("test broker did not start", e);
        }
    }

    public static String coreUrl() {
        return "tcp://127.0.0.1:" + port;
    }

    public static String amqpUrl() {
        return "amqp://127.0.0.1:" + port;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker, new TestInjector.AnnotatedAndMatchesType(Inject.class, EmbeddedActiveMQ.class));
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                broker.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
