package org.aepsbridge.resendotp.csv;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.LogScan;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.OutputHygiene;
import org.aepsbridge.resendotp.support.PrometheusText;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CSV drop folder with real files on disk and WireMock as AOPay: one test per
 * promise docs/csv.md makes. (Crash and restart: CsvCrashIT.)
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
class CsvChannelTest {

    static final String HEADER = "Userkey,Mobile,AdhaarNumber,PrimaryKeyId,EncodeTxnId,RegistrationID";
    static final Duration WAIT = Duration.ofSeconds(30);

    @AopayStandIn.Inject
    WireMockServer aopay;

    @ConfigProperty(name = "aopay.file.inbox")
    Path inbox;

    @ConfigProperty(name = "aopay.file.outbox")
    Path outbox;

    @ConfigProperty(name = "aopay.file.done")
    Path done;

    @ConfigProperty(name = "aopay.file.error")
    Path error;

    @BeforeEach
    void freshStandIn() {
        aopay.resetRequests();
    }

    @AfterAll
    static void noFullIdentityNumberReachedTheLog() throws Exception {
        LogScan.assertNoSecretsInApplicationLog();
    }

    /** A name no other test uses, so tests never see each other's files. */
    static String unique(String stem) {
        return stem + "-" + System.nanoTime();
    }

    static String row(String primaryKeyId, String registrationId) {
        return "AOP554N3X," + TestData.MOBILE + "," + TestData.AADHAAR + "," + primaryKeyId + ",DEMO," + registrationId;
    }

    /** Writes the file beside the inbox first and moves it in, as a well-behaved producer does. */
    Path drop(String name, String content) throws IOException {
        return drop(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Path drop(String name, byte[] content) throws IOException {
        Files.createDirectories(inbox);
        Path staging = inbox.resolveSibling(name + ".staging");
        Files.write(staging, content);
        return Files.move(staging, inbox.resolve(name));
    }

    Path awaitResult(String stem) {
        Path result = outbox.resolve(stem + ".result.csv");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(result));
        return result;
    }

    static List<CSVRecord> rows(Path resultFile) throws IOException {
        try (Reader in = Files.newBufferedReader(resultFile, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .getRecords();
        }
    }

    /** The input file itself is in the folder, under its name with the time stamp of the move ({@code <stem>.<stamp>.csv}). */
    static boolean inputMovedInto(Path folder, String stem) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(
                    f -> f.getFileName().toString().matches(Pattern.quote(stem) + "\\.\\d{8}-\\d{6}-\\d{3}\\.csv"));
        }
    }

    static boolean hasFileStartingWith(Path folder, String prefix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(prefix));
        }
    }

    int aopayCallsFor(String primaryKeyId) {
        return aopay.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo("/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP"))
                                .withRequestBody(matchingJsonPath("$.PrimaryKeyId", WireMock.equalTo(primaryKeyId)))
                                .build())
                .getCount();
    }

    @Test
    void eachRowGetsOneResultRowInInputOrderAndTheInputMovesToDone() throws Exception {
        String stem = unique("three");
        drop(
                stem + ".csv",
                String.join(
                                "\n",
                                HEADER,
                                row(stem + "-ok", "AOP-554"),
                                "AOP554N3X,12345," + TestData.AADHAAR + "," + stem + "-bad,DEMO,AOP-554",
                                row(stem + "-refused", "AOP-REFUSED"))
                        + "\n");
        List<CSVRecord> rows = rows(awaitResult(stem));
        assertEquals(3, rows.size());
        assertEquals(
                List.of("2", "3", "4"), rows.stream().map(r -> r.get("line")).toList());
        assertEquals(
                List.of("SUCCESS", "REJECTED", "FAILED"),
                rows.stream().map(r -> r.get("outcome")).toList());
        assertEquals("XXXXXX3210", rows.get(0).get("maskedMobile"));
        assertEquals("XXXX XXXX 2346", rows.get(0).get("maskedAadhaar"));
        assertEquals(stem + "-ok", rows.get(0).get("PrimaryKeyId"));
        assertEquals("1", rows.get(0).get("responseCode"));
        assertTrue(rows.get(1).get("message").contains("Mobile"), rows.get(1).get("message"));
        await().atMost(WAIT).until(() -> hasFileStartingWith(done, stem + "."));
        assertFalse(Files.exists(inbox.resolve(stem + ".csv")));
        assertEquals(1, aopayCallsFor(stem + "-ok"));
        assertEquals(0, aopayCallsFor(stem + "-bad"));
        String text = Files.readString(outbox.resolve(stem + ".result.csv"));
        for (String secret : TestData.SECRETS) {
            assertFalse(text.contains(secret), "result file holds a full identity number");
        }
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAndCaseWithBomCrlfAndQuotes() throws Exception {
        String stem = unique("shuffled");
        String content = "\uFEFFregistrationid,ENCODETXNID,primaryKeyId,adhaarnumber,MOBILE,userKey\r\n"
                + "AOP-554,\"E,1\",\"" + stem + "-q\"\"uote\",\"2341 2341 2346\",\"+91 98765-43210\",AOP554N3X\r\n";
        drop(stem + ".csv", content);
        List<CSVRecord> rows = rows(awaitResult(stem));
        assertEquals(1, rows.size());
        assertEquals("SUCCESS", rows.get(0).get("outcome"), rows.get(0).get("message"));
        assertEquals(stem + "-q\"uote", rows.get(0).get("PrimaryKeyId"));
        assertEquals("E,1", rows.get(0).get("EncodeTxnId"));
    }

    @Test
    void aRowsProblemIsAResultRowNeverAFailedFile() throws Exception {
        String stem = unique("mixed");
        drop(
                stem + ".csv",
                String.join(
                        "\n",
                        HEADER,
                        row(stem + "-1", "AOP-554"),
                        "AOP554N3X", // a short row: most columns missing
                        row(stem + "-3", "AOP-500"), // AOPay fails
                        row(stem + "-4", "AOP-401"), // bad credentials
                        row(stem + "-5", "AOP-554")));
        List<CSVRecord> rows = rows(awaitResult(stem));
        assertEquals(
                List.of("SUCCESS", "REJECTED", "ERROR", "UNAUTHORIZED", "SUCCESS"),
                rows.stream().map(r -> r.get("outcome")).toList());
        await().atMost(WAIT).until(() -> hasFileStartingWith(done, stem + "."));
    }

    @Test
    void aFileWithoutTheRequiredColumnsGoesToErrorWithTheReason() throws Exception {
        String stem = unique("nocols");
        drop(stem + ".csv", "Userkey,Mobile,PrimaryKeyId\nAOP554N3X,9876543210,P1\n");
        Path reason = error.resolve(stem + ".error.txt");
        await().atMost(WAIT).until(() -> Files.exists(reason));
        String text = Files.readString(reason);
        assertTrue(
                text.contains("AdhaarNumber") && text.contains("EncodeTxnId") && text.contains("RegistrationID"), text);
        await().atMost(WAIT).until(() -> inputMovedInto(error, stem));
        assertFalse(Files.exists(outbox.resolve(stem + ".result.csv")));
    }

    @Test
    void binaryAndEmptyFilesGoToErrorWithTheReason() throws Exception {
        String binary = unique("binary");
        drop(binary + ".csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        String empty = unique("empty");
        drop(empty + ".csv", new byte[0]);
        await().atMost(WAIT)
                .until(() -> Files.exists(error.resolve(binary + ".error.txt"))
                        && Files.exists(error.resolve(empty + ".error.txt")));
        assertTrue(Files.readString(error.resolve(binary + ".error.txt")).contains("binary"));
        assertTrue(Files.readString(error.resolve(empty + ".error.txt")).contains("empty"));
        await().atMost(WAIT).until(() -> inputMovedInto(error, binary) && inputMovedInto(error, empty));
    }

    @Test
    void aHeaderOnlyFileIsAnEmptyBatch() throws Exception {
        String stem = unique("headeronly");
        drop(stem + ".csv", HEADER + "\r\n");
        assertEquals(0, rows(awaitResult(stem)).size());
        await().atMost(WAIT).until(() -> hasFileStartingWith(done, stem + "."));
    }

    // A file written slowly: SlowWriterTest (a stability window of its own)

    @Test
    void aNameSeenBeforeIsANewBatchAndTheEarlierResultIsKept() throws Exception {
        String stem = unique("daily");
        drop(stem + ".csv", HEADER + "\n" + row(stem + "-day1", "AOP-554") + "\n");
        Path result = awaitResult(stem);
        assertEquals(stem + "-day1", rows(result).get(0).get("PrimaryKeyId"));
        // the result file is written just before the input moves to done: the next day's file comes after
        await().atMost(WAIT).until(() -> !Files.exists(inbox.resolve(stem + ".csv")));
        drop(
                stem + ".csv",
                HEADER + "\n" + row(stem + "-day2", "AOP-554") + "\n" + row(stem + "-day2b", "AOP-554") + "\n");
        await().atMost(WAIT).until(() -> Files.exists(result) && rows(result).size() == 2);
        assertEquals(stem + "-day2", rows(result).get(0).get("PrimaryKeyId"));
        assertTrue(
                hasFileStartingWith(outbox, stem + ".result.earlier-"),
                "the first day's result must be kept, not overwritten");
        assertEquals(1, aopayCallsFor(stem + "-day1"));
        assertEquals(1, aopayCallsFor(stem + "-day2"));
    }

    @Test
    void rowsRunConcurrentlyYetTheResultKeepsInputOrder() throws Exception {
        String stem = unique("order");
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < 60; i++) {
            // every 7th row is slow (AOPay answers it after 400 ms), so later rows finish first; order must hold anyway
            lines.add(row(stem + "-" + i, i % 7 == 0 ? "AOP-SLOW" : i % 10 == 0 ? "AOP-REFUSED" : "AOP-554"));
        }
        drop(stem + ".csv", String.join("\n", lines));
        List<CSVRecord> rows = rows(awaitResult(stem));
        assertEquals(60, rows.size());
        for (int i = 0; i < 60; i++) {
            assertEquals(String.valueOf(i + 2), rows.get(i).get("line"));
            assertEquals(stem + "-" + i, rows.get(i).get("PrimaryKeyId"));
            assertEquals(
                    i % 7 != 0 && i % 10 == 0 ? "FAILED" : "SUCCESS",
                    rows.get(i).get("outcome"));
            assertEquals(1, aopayCallsFor(stem + "-" + i));
        }
    }

    @Test
    void eachFileIsSummarisedInMetrics() throws Exception {
        // Counted from a quiet folder: a file of an earlier test still in the inbox would count too
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> csvFilesIn(inbox) == 0);
        Map<String, Double> before =
                PrometheusText.parse(Management.given().get("/q/metrics").asString());
        String stem = unique("metrics");
        drop(
                stem + ".csv",
                HEADER + "\n" + row(stem, "AOP-554") + "\n"
                        + row(stem + "-bad", "AOP-554").replace(TestData.MOBILE, "12345") + "\n");
        awaitResult(stem);
        // the file is counted once it has moved to done, just after its result file is written
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Map<String, Double> after =
                    PrometheusText.parse(Management.given().get("/q/metrics").asString());
            assertEquals(
                    1,
                    PrometheusText.increase(before, after, "aopay_csv_rows_total", "outcome=\"SUCCESS\""),
                    "SUCCESS rows");
            assertEquals(
                    1,
                    PrometheusText.increase(before, after, "aopay_csv_rows_total", "outcome=\"REJECTED\""),
                    "REJECTED rows");
            assertEquals(
                    1,
                    PrometheusText.increase(before, after, "aopay_csv_files_total", "result=\"done\""),
                    "files done");
            assertEquals(
                    0,
                    PrometheusText.increase(before, after, "aopay_csv_files_total", "result=\"error\""),
                    "files in error");
            assertEquals(
                    1, PrometheusText.increase(before, after, "aopay_csv_file_duration_seconds_count"), "files timed");
            assertEquals(
                    1,
                    PrometheusText.increase(
                            before,
                            after,
                            "aopay_resend_requests_total",
                            "channel=\"file\"",
                            "client=\"drop-folder\"",
                            "outcome=\"SUCCESS\""),
                    "file requests SUCCESS");
            assertEquals(
                    1,
                    PrometheusText.increase(
                            before,
                            after,
                            "aopay_resend_requests_total",
                            "channel=\"file\"",
                            "client=\"drop-folder\"",
                            "outcome=\"REJECTED\""),
                    "file requests REJECTED");
        });
        OutputHygiene.capture(
                "metrics",
                "CsvChannelTest",
                Management.given().get("/q/metrics").asString());
    }

    static long csvFilesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .count();
        }
    }

    @Test
    void aFileNameCannotForgeOrReorderTheLogLine() throws Exception {
        String stem = unique("odd");
        // a tab, a line break and a right-to-left override in the name: the file is processed,
        // its log line shows '?' for each (a line break would otherwise start a forged log line)
        String name = stem + "\tname\n\u202Ecsv.csv";
        drop(name, HEADER + "\n" + row(stem, "AOP-554") + "\n");
        Path result = outbox.resolve(stem + "\tname\n\u202Ecsv.result.csv");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(result));
        Path log = Path.of("target", "application-test.log");
        await().atMost(WAIT)
                .until(() -> Files.readString(log, StandardCharsets.UTF_8).contains("file=" + stem + "?name??csv.csv"));
        assertFalse(Files.readString(log, StandardCharsets.UTF_8).contains(name), "the raw file name reached the log");
    }
}
