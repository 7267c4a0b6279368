package org.aepsbridge.resendotp.csv;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.OwnDropFolder;
import org.aepsbridge.resendotp.support.OwnFolders;
import org.aepsbridge.resendotp.support.PrometheusText;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.camel.CamelContext;
import org.apache.camel.component.timer.TimerEndpoint;
import org.junit.jupiter.api.Test;

/**
 * docs/privacy.md, the default {@code aopay.file.keep-inputs=masked}: what done and error keep of
 * an input has every Aadhaar and mobile number masked as in the result file, the original is gone
 * from the inbox; and the retention route's file half: files older than their folder's retention
 * are deleted, logged and counted, a file younger by a minute is left alone.
 */
@QuarkusTest
@TestProfile(KeptInputsTest.Profile.class)
class KeptInputsTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String HEADER = OwnDropFolder.HEADER;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return OwnFolders.with(
                    "KeptInputsTest",
                    Map.of(
                            "aopay.file.done-retention", "1h",
                            "aopay.file.error-retention", "2h",
                            "aopay.file.outbox-retention", "3h",
                            "aopay.file.retention-interval", "45m"));
        }
    }

    @Inject
    CamelContext camel;

    @Inject
    CsvRetention retention;

    final DropFolder folder = new DropFolder(null);

    static List<Path> startingWith(Path folder, String prefix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .toList();
        }
    }

    static Path awaitKept(Path folder, String stem) {
        return await().atMost(WAIT)
                .until(
                        () -> startingWith(folder, stem + ".").stream()
                                .filter(f -> f.getFileName().toString().endsWith(".csv"))
                                .findFirst()
                                .orElse(null),
                        f -> f != null);
    }

    @Test
    void theInputKeptInDoneIsMaskedAsInTheResultFileAndTheOriginalIsGone() throws IOException {
        String stem = "masked-" + System.nanoTime() % 100_000;
        folder.drop(
                stem + ".csv",
                HEADER + "\n"
                        + OwnDropFolder.row(TestData.MOBILE, TestData.AADHAAR_SPACED, stem + "-1", "AOP-554") + "\n"
                        + OwnDropFolder.row("+91 98765-43210", TestData.AADHAAR_2, stem + "-2", "AOP-554") + "\n");
        var results = new OwnDropFolder(folder.inbox, folder.outbox).awaitResult(stem, WAIT);
        Path kept = awaitKept(folder.done, stem);
        await().atMost(WAIT).until(() -> !Files.exists(folder.inbox.resolve(stem + ".csv")));

        assertEquals(
                HEADER + "\r\n"
                        + OwnDropFolder.row(
                                results.get(0).get("maskedMobile"),
                                results.get(0).get("maskedAadhaar"),
                                stem + "-1",
                                "AOP-554")
                        + "\r\n"
                        + OwnDropFolder.row(
                                results.get(1).get("maskedMobile"),
                                results.get(1).get("maskedAadhaar"),
                                stem + "-2",
                                "AOP-554")
                        + "\r\n",
                Files.readString(kept, StandardCharsets.UTF_8));
        assertEquals(
                "XXXXXX3210 XXXX XXXX 2346 XXXX XXXX 6455",
                results.get(0).get("maskedMobile") + " " + results.get(0).get("maskedAadhaar") + " "
                        + results.get(1).get("maskedAadhaar"));
        assertEquals(List.of(kept), startingWith(folder.done, stem), "one kept copy, no temporary file beside it");
    }

    @Test
    void aRefusedFileThatIsNoCsvIsKeptInErrorWithEveryNumberShapedRunMasked() throws IOException {
        String stem = "refused-" + System.nanoTime() % 100_000;
        folder.drop(
                stem + ".csv",
                "Dear team, please resend to 98765 43210 for " + TestData.AADHAAR + " and " + TestData.MOBILE_2
                        + ".\n");
        Path kept = awaitKept(folder.error, stem);
        await().atMost(WAIT).until(() -> Files.exists(folder.error.resolve(stem + ".error.txt")));
        assertEquals(
                "Dear team, please resend to XXXXXX3210 for XXXX XXXX 2346 and XXXXXX6789.\n",
                Files.readString(kept, StandardCharsets.UTF_8));
        assertFalse(Files.exists(folder.inbox.resolve(stem + ".csv")));
    }

    @Test
    void theRetentionDeletesFilesJustOlderThanTheirFolderRetentionAndNothingYounger() throws IOException {
        assertEquals(
                Duration.ofMinutes(45).toMillis(),
                ((TimerEndpoint) camel.getRoute("csv-retention").getEndpoint()).getPeriod(),
                "the route's period is aopay.file.retention-interval");
        Map<String, Double> before =
                PrometheusText.parse(Management.given().get("/q/metrics").asString());
        Instant now = Instant.now();
        String stem = "aged-" + System.nanoTime() % 100_000;
        Map<Path, Duration> retentions = Map.of(
                folder.done,
                Duration.ofHours(1),
                folder.error,
                Duration.ofHours(2),
                folder.outbox,
                Duration.ofHours(3));
        for (Map.Entry<Path, Duration> folder : retentions.entrySet()) {
            Files.createDirectories(folder.getKey());
            Path older = Files.writeString(folder.getKey().resolve(stem + "-older.csv"), "x");
            Files.setLastModifiedTime(
                    older, FileTime.from(now.minus(folder.getValue()).minusSeconds(60)));
            Path younger = Files.writeString(folder.getKey().resolve(stem + "-younger.csv"), "x");
            Files.setLastModifiedTime(
                    younger, FileTime.from(now.minus(folder.getValue()).plusSeconds(60)));
        }

        retention.deleteExpiredFiles();

        Map<String, Double> after =
                PrometheusText.parse(Management.given().get("/q/metrics").asString());
        for (Map.Entry<Path, Duration> folder : retentions.entrySet()) {
            String name = folder.getKey().getFileName().toString();
            assertFalse(
                    Files.exists(folder.getKey().resolve(stem + "-older.csv")), name + ": the older file is deleted");
            assertTrue(Files.exists(folder.getKey().resolve(stem + "-younger.csv")), name + ": the younger file stays");
            assertEquals(
                    1.0,
                    PrometheusText.increase(before, after, "aopay_csv_files_deleted_total", "folder=\"" + name + "\""),
                    name + ": one deletion counted");
        }
        String log = Files.readString(Path.of("target", "application-test.log"), StandardCharsets.UTF_8);
        assertTrue(
                log.contains("CSV retention: deleted file=" + stem + "-older.csv folder=done age=PT1H1M"),
                log.length() > 0 ? "no log line" : "");
    }
}
