package org.aepsbridge.resendotp.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output hygiene check finds a broker password in an output, and names neither it nor more than its start. */
class BrokerPasswordHygieneTest {

    @Test
    void aBrokerPasswordInAnOutputIsAFinding(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(
                dir.resolve("app.log"),
                "connecting as " + BrokerUsers.BUNDLE + " with " + BrokerUsers.BUNDLE_PASSWORD + "\n");
        Path clean = Files.writeString(dir.resolve("clean.log"), "connecting as " + BrokerUsers.BUNDLE + "\n");
        Map<OutputHygiene.Kind, List<Path>> outputs = new EnumMap<>(OutputHygiene.Kind.class);
        outputs.put(OutputHygiene.Kind.LOG, List.of(log, clean));
        List<String> findings = OutputHygiene.findings(outputs);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(
                findings.get(0)
                        .startsWith("LOG " + log + ": broker password " + BrokerUsers.BUNDLE_PASSWORD.substring(0, 2)
                                + "…"),
                findings.get(0));
        assertFalse(findings.get(0).contains(BrokerUsers.BUNDLE_PASSWORD), "a finding must not repeat the password");
    }
}
