package org.aepsbridge.resendotp.csv;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.aepsbridge.resendotp.packaged.PackagedApp;
import org.aepsbridge.resendotp.support.AopayJournal;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Crash safety of the CSV drop folder, for real: the packaged application is killed with
 * {@code kill -9} (SIGKILL: no shutdown hook, no graceful stop) in the middle of a
 * 10,000-row file and started again on the same folders, progress store and AOPay
 * stand-in. Every row ends with exactly one result row, and AOPay received each row at
 * most once: a row that was on its way when the process died ends as an interrupted
 * ERROR instead of being sent again, and so does a row claimed with its group but not yet
 * sent, and one sent whose result was not yet written (at most the claim group plus twice
 * the concurrency plus one: docs/csv.md).
 */
class CsvCrashIT {

    static final String HEADER = "Userkey,Mobile,AdhaarNumber,PrimaryKeyId,EncodeTxnId,RegistrationID";
    static final int ROWS = 10_000;
    static final int CONCURRENCY = 8;
    /** aopay.file.claim-group as shipped: rows claimed in one transaction, their results written with the next group. */
    static final int CLAIM_GROUP = 64;

    static final String RESEND_PATH = "/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP";
    static final String SUCCESS_BODY = """
            {"status":true,"msg":"OTP Resend Request Completed","data":{"message":"OTP Resend Request Completed",\
            "response_code":1,"error_code":0,"data":{"primaryKeyId":"TEST","encodeTxnId":"DEMO"}},"statusCode":200}""";
    /** Kill once AOPay has seen this many rows: well into the file, far from its end. */
    static final int KILL_AFTER_REQUESTS = 2_000;
    /** What the result of a row that was claimed but never finished says. */
    static final String INTERRUPTED = "The bundle stopped while this row was on its way to AOPay";

    static final Duration STARTUP = Duration.ofSeconds(60);
    static final Duration FINISH = Duration.ofMinutes(3);

    WireMockServer aopay;
    Path root;
    Path inbox;
    Path outbox;
    Path done;
    Path error;
    Path work;

    @BeforeEach
    void standInAndFreshFolders() throws IOException {
        aopay = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
        aopay.start();
        // AOPay's success answer, a little late, so that 10,000 rows take long enough to kill the bundle mid-file
        aopay.stubFor(post(urlPathEqualTo(RESEND_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(SUCCESS_BODY)
                        .withFixedDelay(20)));

        // A fresh installation per test run: both runs of the application start in this directory.
        root = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "csv-crash-")
                .toAbsolutePath();
        inbox = Files.createDirectories(root.resolve("inbox"));
        outbox = Files.createDirectories(root.resolve("outbox"));
        done = Files.createDirectories(root.resolve("done"));
        error = Files.createDirectories(root.resolve("error"));
        work = Files.createDirectories(root.resolve("work"));
    }

    @AfterEach
    void stopStandIn() {
        if (aopay != null) {
            aopay.stop();
        }
    }

    /** The same settings for both runs: one folder tree, one progress store, one AOPay stand-in. */
    String[] settings() {
        return new String[] {
            "-Daopay.base-url=http://127.0.0.1:" + aopay.port(),
            "-Daopay.auth.api-key=k",
            "-Daopay.limits.enabled=false", // every row is the same person here; the limits are tested elsewhere
            // required in production; no broker is needed here (the JMS consumer keeps trying to connect meanwhile)
            "-Daopay.jms.broker-url=tcp://127.0.0.1:9",
            "-Daopay.file.inbox=" + inbox,
            "-Daopay.file.outbox=" + outbox,
            "-Daopay.file.done=" + done,
            "-Daopay.file.error=" + error,
            // Relative to the working directory on purpose: the shipped JDBC URL of the progress store
            // (jdbc:h2:file:${aopay.file.work}/progress plus its options) stays the one under test.
            "-Daopay.file.work=./" + root.relativize(work),
            "-Daopay.file.concurrency=" + CONCURRENCY,
            "-Daopay.file.stable-for-ms=300",
            "-Daopay.file.poll-delay-ms=200",
            // one log line per row would be 10,000 lines: only warnings from the core
            "-Dquarkus.log.category.\"org.aepsbridge.resendotp.resend\".level=WARN",
        };
    }

    @Test
    void killedMidFileResumesWithoutSendingAnyRowTwice() throws Exception {
        long started = System.nanoTime();
        String stem = "crash-" + System.nanoTime();
        Path resultFile = outbox.resolve(stem + ".result.csv");

        // --- First run: killed with kill -9 in the middle of the file ---------------------------
        int requestsBeforeKill;
        try (PackagedApp first = PackagedApp.startIn(root, "csv-crash-1", settings())) {
            assertTrue(first.waitUntilStarted(STARTUP), first::output);
            drop(stem + ".csv");
            AopayJournal.awaitOrFail(
                    Duration.ofSeconds(60),
                    () -> AopayJournal.requests(aopay) >= KILL_AFTER_REQUESTS || !first.isAlive(),
                    () -> "AOPay saw only " + AopayJournal.requests(aopay) + " requests\n" + first.output());
            assertTrue(first.isAlive(), first::output);
            first.kill9();
            assertEquals(137, first.exitValue(), "exit code of a process ended by SIGKILL");
            requestsBeforeKill = AopayJournal.settledRequestCount(aopay);
            assertTrue(
                    requestsBeforeKill >= 1_500 && requestsBeforeKill <= 5_000,
                    "the kill must hit the middle of the file, AOPay saw " + requestsBeforeKill + " requests");
            assertTrue(Files.exists(work.resolve("progress.mv.db")), "the progress store lives in the work folder");
            assertFalse(Files.exists(resultFile), "the first run must not have finished the file");
            assertTrue(Files.exists(inbox.resolve(stem + ".csv")), "the unfinished file stays in the inbox");
        }

        // --- Second run: same folders, same progress store, same stand-in -------------------------
        String secondOutput;
        try (PackagedApp second = PackagedApp.startIn(root, "csv-crash-2", settings())) {
            assertTrue(second.waitUntilStarted(STARTUP), second::output);
            AopayJournal.awaitOrFail(
                    FINISH,
                    () -> Files.exists(resultFile) || !second.isAlive(),
                    () -> "no result file; AOPay saw " + AopayJournal.requests(aopay) + " requests\n"
                            + second.output());
            assertTrue(second.isAlive(), second::output);
            AopayJournal.awaitOrFail(
                    Duration.ofSeconds(30),
                    () -> hasFileStartingWith(done, stem + "."),
                    () -> "the input never reached the done folder\n" + second.output());
            secondOutput = second.output();
        }
        assertFalse(Files.exists(inbox.resolve(stem + ".csv")), "the input must have left the inbox");

        // --- What came out: the result file and AOPay's journal -------------------------------------
        List<CSVRecord> results = rows(resultFile);
        List<String> lines = results.stream().map(r -> r.get("line")).toList();
        List<String> expectedLines =
                IntStream.rangeClosed(2, ROWS + 1).mapToObj(String::valueOf).toList();
        Map<String, Long> resultsPerId = results.stream()
                .collect(Collectors.groupingBy(r -> r.get("PrimaryKeyId"), TreeMap::new, Collectors.counting()));
        List<String> wrongId = results.stream()
                .filter(r -> !r.get("PrimaryKeyId").equals(id(Integer.parseInt(r.get("line")) - 1)))
                .map(r -> "line " + r.get("line") + " PrimaryKeyId='" + r.get("PrimaryKeyId") + "'")
                .toList();
        List<CSVRecord> interrupted =
                results.stream().filter(r -> "ERROR".equals(r.get("outcome"))).toList();
        List<String> interruptedLines =
                interrupted.stream().map(r -> r.get("line")).toList();
        List<String> notInterruptedErrors = interrupted.stream()
                .filter(r -> !r.get("message").contains(INTERRUPTED))
                .map(r -> "line " + r.get("line") + ": " + r.get("message"))
                .toList();
        List<String> otherOutcomes = results.stream()
                .filter(r -> !Set.of("SUCCESS", "ERROR").contains(r.get("outcome")))
                .map(r -> "line " + r.get("line") + " " + r.get("outcome") + ": " + r.get("message"))
                .toList();
        List<String> successes = results.stream()
                .filter(r -> "SUCCESS".equals(r.get("outcome")))
                .map(r -> r.get("PrimaryKeyId"))
                .toList();

        Map<String, Long> sendsPerId = AopayJournal.sendsPerPrimaryKeyId(aopay);
        Map<String, Long> sentTwice = sendsPerId.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        List<String> successNotSentOnce = successes.stream()
                .filter(id -> sendsPerId.getOrDefault(id, 0L) != 1)
                .toList();
        Set<String> inFile =
                IntStream.rangeClosed(1, ROWS).mapToObj(CsvCrashIT::id).collect(Collectors.toSet());
        List<String> strangers =
                sendsPerId.keySet().stream().filter(id -> !inFile.contains(id)).toList();
        List<String> withoutResult = inFile.stream()
                .filter(id -> !resultsPerId.containsKey(id))
                .sorted()
                .toList();
        List<String> severalResults = resultsPerId.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(e -> "'" + e.getKey() + "' " + e.getValue() + " times")
                .toList();

        System.out.printf(
                "CsvCrashIT: %d rows; AOPay requests before kill -9: %d, after restart: %d, total: %d;"
                        + " interrupted rows: %d (lines %s); SUCCESS rows: %d; rows sent twice: %d; took %d s%n",
                ROWS,
                requestsBeforeKill,
                AopayJournal.requests(aopay) - requestsBeforeKill,
                AopayJournal.requests(aopay),
                interrupted.size(),
                interruptedLines,
                successes.size(),
                sentTwice.size(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());

        assertAll(
                // AOPay received each row at most once, and each SUCCESS row exactly once
                () -> assertTrue(
                        sentTwice.isEmpty(),
                        sentTwice.size() + " rows reached AOPay more than once: " + firstFew(sentTwice)),
                () -> assertTrue(
                        successNotSentOnce.isEmpty(),
                        successNotSentOnce.size() + " SUCCESS rows AOPay did not receive exactly once: "
                                + firstFew(successNotSentOnce)),
                () -> assertTrue(
                        strangers.isEmpty(), "AOPay received rows that are not in the file: " + firstFew(strangers)),
                // every row ends with exactly one result row, in line order
                () -> assertEquals(ROWS, results.size(), "one result row per input row"),
                () -> assertEquals(
                        expectedLines, lines, "result rows: lines 2.." + (ROWS + 1) + ", in order, each once"),
                () -> assertTrue(
                        wrongId.isEmpty(),
                        wrongId.size() + " result rows do not name their row's PrimaryKeyId: " + firstFew(wrongId)),
                () -> assertTrue(
                        withoutResult.isEmpty(),
                        withoutResult.size() + " PrimaryKeyIds of the file have no result row: "
                                + firstFew(withoutResult)),
                () -> assertTrue(
                        severalResults.isEmpty(),
                        "PrimaryKeyIds with more than one result row: " + firstFew(severalResults)),
                // only rows claimed and not finished at the kill end as interrupted; all others succeed
                () -> assertTrue(otherOutcomes.isEmpty(), "unexpected outcomes: " + firstFew(otherOutcomes)),
                () -> assertTrue(
                        notInterruptedErrors.isEmpty(),
                        "ERROR rows that were not interrupted: " + firstFew(notInterruptedErrors)),
                () -> assertTrue(
                        interrupted.size() <= CLAIM_GROUP + 2 * CONCURRENCY + 1,
                        "only rows claimed, in flight or without a written result at the kill may end interrupted"
                                + " (at most the claim group + 2 x concurrency + 1), got " + interrupted.size() + ": "
                                + interruptedLines),
                // the batch ended normally on the second run
                () -> assertTrue(secondOutput.contains("CSV batch done: file=" + stem + ".csv"), secondOutput));
        assertKeptMaskedOnly(stem);
    }

    /**
     * kill -9 at the moment the input is kept: the first look that finds the masked copy in
     * done kills the bundle (before or after it deleted the inbox file). At no moment is there a
     * second unmasked copy: whatever holds a full number then is the inbox file itself (the change
     * watch holds the original by an open handle only, which the kill frees). The restart finishes
     * the file and keeps it masked.
     */
    @Test
    void killedWhileTheInputIsKeptLeavesNoSecondUnmaskedCopy() throws Exception {
        String stem = "keeping-" + System.nanoTime() % 100_000;
        Path original = inbox.resolve(stem + ".csv");
        try (PackagedApp first = PackagedApp.startIn(root, "csv-crash-keep-1", settings())) {
            assertTrue(first.waitUntilStarted(STARTUP), first::output);
            drop(stem + ".csv", 200);
            AopayJournal.awaitOrFail(
                    Duration.ofSeconds(60),
                    () -> hasFileStartingWith(done, stem + ".") || !first.isAlive(),
                    () -> "no kept copy in done\n" + first.output());
            first.kill9();
            assertEquals(137, first.exitValue(), "exit code of a process ended by SIGKILL");
        }
        // at most one file holds a full number: the inbox file, not yet deleted
        List<Path> full = holdingAFullNumber(root);
        for (Path file : full) {
            assertEquals(
                    original, file, "after kill -9 a full number in " + root.relativize(file) + " (all: " + full + ")");
        }

        try (PackagedApp second = PackagedApp.startIn(root, "csv-crash-keep-2", settings())) {
            assertTrue(second.waitUntilStarted(STARTUP), second::output);
            AopayJournal.awaitOrFail(
                    FINISH,
                    () -> !Files.exists(original) && hasFileStartingWith(done, stem + ".") || !second.isAlive(),
                    () -> "the input was never kept\n" + second.output());
            assertTrue(second.isAlive(), second::output);
        }
        assertKeptMaskedOnly(stem);
    }

    /** The installation holds the input in done masked, and no full number in any file (the broker-less app has no journal). */
    void assertKeptMaskedOnly(String stem) throws IOException {
        List<Path> kept;
        try (Stream<Path> files = Files.list(done)) {
            kept = files.filter(f -> f.getFileName().toString().startsWith(stem + "."))
                    .toList();
        }
        assertFalse(kept.isEmpty(), "the input is kept in done");
        for (Path copy : kept) {
            String text = Files.readString(copy, StandardCharsets.UTF_8);
            assertTrue(text.contains(",XXXXXX3210,XXXX XXXX 2346,"), "masked as in the result file: " + copy);
        }
        assertEquals(
                List.of(),
                holdingAFullNumber(root).stream().map(root::relativize).toList(),
                "files with a full number after the restart and stop");
    }

    static List<Path> holdingAFullNumber(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().endsWith(".log"))
                    .filter(f -> {
                        try {
                            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                            return TestData.SECRETS.stream().anyMatch(text::contains);
                        } catch (IOException e) {
                            return false; // gone meanwhile
                        }
                    })
                    .toList();
        }
    }

    // --- helpers ----------------------------------------------------------------------------

    static String id(int n) {
        return "row-" + n;
    }

    /** Writes the 10,000 rows beside the inbox first and moves the file in, as a well-behaved producer does. */
    void drop(String name) throws IOException {
        drop(name, ROWS);
    }

    void drop(String name, int rows) throws IOException {
        Path staging = root.resolve(name + ".staging");
        try (BufferedWriter out = Files.newBufferedWriter(staging, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n");
            for (int n = 1; n <= rows; n++) {
                out.write("AOP554N3X," + TestData.MOBILE + "," + TestData.AADHAAR + "," + id(n) + ",DEMO,AOP-554\n");
            }
        }
        Files.move(staging, inbox.resolve(name));
    }

    static String firstFew(Map<String, Long> map) {
        return firstFew(List.copyOf(map.entrySet()));
    }

    static String firstFew(List<?> list) {
        return list.stream().limit(20).map(String::valueOf).collect(Collectors.joining(", "))
                + (list.size() > 20 ? ", ..." : "");
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

    static boolean hasFileStartingWith(Path folder, String prefix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(prefix));
        } catch (IOException e) {
            return false;
        }
    }
}
