// The bundle's embedded broker in a JVM of its own, for the benchmarks: the JMS ceiling
// (JmsCeiling.java) and the bundle's start-up with an external broker. It calls the bundle's
// own EmbeddedBroker.start with the bundle's default queues, so configuration, journal and
// security are the ones the bundle ships; only the users are the benchmark's:
// bench-bundle (the bundle's role) and bench (sender, receiver), password from JMS_PASSWORD.
//
//   java -cp <target/quarkus-app/app/*.jar>:<runtime class path> bench/Broker.java PORT DATA_DIR
//
// Prints "BROKER started port=<port>" once it accepts connections; runs until it is stopped
// (TERM: the shutdown hook stops the broker).

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.aepsbridge.resendotp.jms.BrokerAccess;
import org.aepsbridge.resendotp.jms.BrokerAccess.BrokerRole;
import org.aepsbridge.resendotp.jms.EmbeddedBroker;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

public class Broker {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String password = System.getenv("JMS_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("JMS_PASSWORD is not set");
        }
        BrokerAccess access = new BrokerAccess("aopay.resendotp.requests",
                List.of("aopay.resendotp.success", "aopay.resendotp.failed", "aopay.resendotp.rejected", "aopay.resendotp.error"),
                "aopay.resendotp.dlq", "aopay.resendotp.replies.#",
                List.of(new BrokerAccess.User("bench-bundle", password, EnumSet.of(BrokerRole.BUNDLE)),
                        new BrokerAccess.User("bench", password, EnumSet.of(BrokerRole.SENDER, BrokerRole.RECEIVER))));
        EmbeddedActiveMQ broker = EmbeddedBroker.start("127.0.0.1", port, Path.of(args[1]), access);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        System.out.println("BROKER started port=" + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
