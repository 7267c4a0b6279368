package org.aepsbridge.resendotp.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.aepsbridge.resendotp.jms.EmbeddedBroker;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * An embedded broker of one test's own (the bundle's {@link EmbeddedBroker#start}, the test users
 * of {@link BrokerUsers}) on a free port, its journal in a new folder under target/: the suite's
 * shared test broker is never stopped by such a test. It restarts on the same journal.
 */
public final class OwnBroker {

    public final int port;
    public final Path data;
    private EmbeddedActiveMQ broker;

    private OwnBroker(int port, Path data) throws Exception {
        this.port = port;
        this.data = data;
        this.broker = EmbeddedBroker.start("127.0.0.1", port, data, BrokerUsers.access());
    }

    /** A broker on a free port, its journal in a new folder target/{@code folderPrefix}…. */
    public static OwnBroker start(String folderPrefix) throws Exception {
        return new OwnBroker(
                FreePorts.pick(), Files.createTempDirectory(Files.createDirectories(Path.of("target")), folderPrefix));
    }

    public EmbeddedActiveMQ broker() {
        return broker;
    }

    /** Stops the broker and starts it again on the same port and journal. */
    public void restart() throws Exception {
        stop();
        broker = EmbeddedBroker.start("127.0.0.1", port, data, BrokerUsers.access());
    }

    public void stop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    /** Stops the broker and deletes its journal (for tests that write a lot of it). */
    public void stopAndDelete() throws Exception {
        stop();
        try (var files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
