package org.aepsbridge.resendotp.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the application's log output as written during the tests (the test profile's
 * log file and its rotated backups, and target/quarkus.log where the packaged application's output goes) and
 * fails on any full Aadhaar or mobile number from the test data, or any part of a test client's API key.
 */
public final class LogScan {

    private LogScan() {}

    public static void assertNoSecretsInApplicationLog() throws IOException {
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            files.filter(OutputHygiene::isLogFile).forEach(logs::add);
        }
        assertTrue(!logs.isEmpty(), "no application log found under target/");
        long lines = 0;
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            lines += text.lines().count();
            for (String secret : TestData.SECRETS) {
                int at = text.indexOf(secret);
                assertTrue(
                        at < 0,
                        "full identity number " + secret.substring(0, 2) + "… found in " + log + ": "
                                + (at < 0
                                        ? ""
                                        : text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 50))));
            }
        }
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            for (String key : TestClients.SECRETS) {
                assertTrue(
                        !text.contains(key.substring(0, key.length() / 2)),
                        "API key " + key.substring(0, 4) + "… found in " + log);
            }
        }
        assertTrue(lines > 0, "the application log is empty: the scan would prove nothing");
    }
}
