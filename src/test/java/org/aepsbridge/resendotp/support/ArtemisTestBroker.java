package org.aepsbridge.resendotp.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.aepsbridge.resendotp.jms.EmbeddedBroker;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * A real ActiveMQ Artemis broker for the tests, over TCP on a free port (CORE, AMQP and
 * STOMP), started before Quarkus boots; the application connects to it as to an
 * external broker. Security is on, as in the embedded run: the users of {@link BrokerUsers},
 * each with its role's rights, and the application as {@link BrokerUsers#BUNDLE}. Its journal
 * is persistent and its port fixed once chosen (one no other process is handed meanwhile:
 * {@link FreePorts}), so a test can {@link #stopBroker() stop it} and start it again as an
 * operator restarts a broker: same address, same journal, the persistent messages still there.
 */
public class ArtemisTestBroker implements QuarkusTestResourceLifecycleManager {

    /** Where tests connect: the port is known once the broker is up. */
    public static volatile int port;

    private static volatile Path data;
    private static volatile EmbeddedActiveMQ broker;

    @Override
    public Map<String, String> start() {
        try {
            synchronized (ArtemisTestBroker.class) {
                // One broker per JVM: a second start while it runs (another test class's resource) shares it
                // rather than pointing everyone at a new port where nothing listens.
                if (broker == null) {
                    data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "artemis-test-");
                    for (int attempt = 1; broker == null; attempt++) {
                        port = FreePorts.pick();
                        try {
                            startBroker();
                        } catch (Exception e) {
                            if (attempt == 3 || !FreePorts.isPortTaken(e)) {
                                throw e;
                            }
                        }
                    }
                }
            }
            startBroker();
            // The application is the broker's BUNDLE user, as in production it is its own user.
            return Map.of(
                    "aopay.jms.broker-url",
                    coreUrl(),
                    "aopay.jms.username",
                    BrokerUsers.BUNDLE,
                    "aopay.jms.password",
                    BrokerUsers.BUNDLE_PASSWORD);
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

    /** Stops the broker: every client connection drops, nothing listens on the port. */
    public static synchronized void stopBroker() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    /** Starts the broker again on the same port with the same journal. */
    public static synchronized void startBroker() throws Exception {
        if (broker == null) {
            broker = EmbeddedBroker.start("127.0.0.1", port, data, BrokerUsers.access());
        }
    }

    /** The running broker itself, e.g. to watch it with a plugin; null while stopped. */
    public static ActiveMQServer server() {
        EmbeddedActiveMQ running = broker;
        return running == null ? null : running.getActiveMQServer();
    }

    /** Messages on a queue as the broker counts them (waiting, and delivered but not acknowledged); 0 for no such queue. */
    public static long messageCount(String queue) {
        EmbeddedActiveMQ running = broker;
        Queue q = running == null ? null : running.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getMessageCount();
    }

    @Override
    public void stop() {
        try {
            stopBroker();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
