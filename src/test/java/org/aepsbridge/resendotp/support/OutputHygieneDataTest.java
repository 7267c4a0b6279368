package org.aepsbridge.resendotp.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The final check's reach into the data folders (OutputHygiene, {@link OutputHygiene.Kind#DATA_FILE}):
 * a full number kept in done, error, outbox or a work folder, of the in-JVM tests or a drill, is a
 * finding; the inbox, a broker's storage and a folder on the as-is allow list are not looked at.
 */
class OutputHygieneDataTest {

    static final Path TARGET = OutputHygiene.TARGET;

    @Test
    void whatIsLookedAtAndWhatIsLeftOut() {
        List<Path> asIs = List.of(TARGET.resolve("test-files/SomeAsIsTest").toAbsolutePath());
        assertFalse(OutputHygiene.notKeptByTheBundle(TARGET.resolve("test-files/SomeTest/done/a.20261204.csv"), asIs));
        assertFalse(OutputHygiene.notKeptByTheBundle(TARGET.resolve("test-files/SomeTest/error/a.20261204.csv"), asIs));
        assertFalse(OutputHygiene.notKeptByTheBundle(TARGET.resolve("csv-crash-1/work/progress.mv.db"), asIs));
        assertFalse(OutputHygiene.notKeptByTheBundle(TARGET.resolve("csv-crash-1/work/a.result.csv"), asIs));
        assertTrue(OutputHygiene.notKeptByTheBundle(TARGET.resolve("test-files/SomeTest/inbox/a.csv"), asIs));
        assertTrue(OutputHygiene.notKeptByTheBundle(
                TARGET.resolve("failover-broker-1/journal/activemq-data-1.amq"), asIs));
        assertTrue(OutputHygiene.notKeptByTheBundle(TARGET.resolve("jms-crash-1/broker/paging/x.page"), asIs));
        assertTrue(OutputHygiene.notKeptByTheBundle(TARGET.resolve("test-files/SomeAsIsTest/done/a.csv"), asIs));
    }

    @Test
    void aFullNumberKeptInADrillsDoneFolderIsAFinding() throws IOException {
        Path drill = Files.createDirectories(TARGET.resolve("csv-crash-hygiene-probe-" + System.nanoTime() % 100_000));
        Path kept = Files.createDirectories(drill.resolve("done")).resolve("probe.csv");
        try {
            Files.writeString(kept, "Mobile\n" + TestData.MOBILE + "\n");
            Map<OutputHygiene.Kind, List<Path>> outputs = OutputHygiene.outputs();
            assertTrue(outputs.get(OutputHygiene.Kind.DATA_FILE).contains(kept), "the drill's done folder is read");
            List<String> findings = OutputHygiene.findings(Map.of(OutputHygiene.Kind.DATA_FILE, List.of(kept)));
            assertEquals(1, findings.size(), String.join("\n", findings));
            assertTrue(findings.get(0).startsWith("DATA_FILE " + kept + ": full identity number 98…"), findings.get(0));
        } finally {
            Files.deleteIfExists(kept);
            Files.deleteIfExists(kept.getParent());
            Files.deleteIfExists(drill);
        }
    }
}
