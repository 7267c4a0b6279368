package org.aepsbridge.resendotp.csv;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.aepsbridge.resendotp.jms.EmbeddedBroker;
import org.aepsbridge.resendotp.packaged.PackagedApp;
import org.aepsbridge.resendotp.support.AopayJournal;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.PostgresState;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scale-out for real: two packaged application processes share one drop folder (the same
 * absolute inbox, outbox, done and error folders, and so the lock in the inbox) and one
 * PostgreSQL state store; each has its own work folder, as each pod of the production
 * overlay has. Only the leader polls the folder; 50 files are each processed
 * exactly once; the leader is killed with {@code kill -9} in the middle of a file, and the
 * other process takes the folder over with the default heartbeat settings and finishes
 * the rest, resuming the interrupted file without sending any of its rows again.
 */
class DropFolderFailoverIT {

    static final String HEADER = CsvCrashIT.HEADER;
    static final int FILES = 50;
    static final int ROWS_PER_FILE = 6;
    static final int CONCURRENCY = 2;
    /** Smaller than a file: a file's rows are claimed in two groups, on the shared store. */
    static final int CLAIM_GROUP = 4;

    static final int AOPAY_DELAY_MS = 150;
    /** Kill the leader once AOPay saw half of the 16th file's rows: files remain, one is half done. */
    static final int KILL_AFTER_REQUESTS = 15 * ROWS_PER_FILE + ROWS_PER_FILE / 2;

    static final Duration STARTUP = Duration.ofSeconds(90);
    static final Duration TAKEOVER = Duration.ofSeconds(60);
    static final Duration FINISH = Duration.ofMinutes(4);
    static final String LEADER_LINE = "CSV drop folder leader: this replica now polls";
    static final String BATCH_DONE = "CSV batch done: file=";
    private static final ObjectMapper JSON = new ObjectMapper();

    WireMockServer aopay;
    /** Its own broker: ArtemisTestBroker's is shared by the Quarkus tests of this JVM and may still be up. */
    EmbeddedActiveMQ broker;

    int brokerPort;
    PostgresState state;
    Map<String, String> stateSettings;
    Path root;
    Path inbox;
    Path outbox;
    Path done;
    Path error;

    @BeforeEach
    void peersAndSharedFolders() throws Exception {
        aopay = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
        aopay.start();
        aopay.stubFor(post(urlPathEqualTo(AopayJournal.RESEND_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(CsvCrashIT.SUCCESS_BODY)
                        .withFixedDelay(AOPAY_DELAY_MS)));
        brokerPort = PackagedApp.freePort();
        broker = EmbeddedBroker.start(
                "127.0.0.1",
                brokerPort,
                Files.createTempDirectory(Files.createDirectories(Path.of("target")), "failover-broker-"),
                BrokerUsers.access());
        // this run's own, empty schema in the PostgreSQL server of the machine
        state = new PostgresState();
        stateSettings = state.start();

        root = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "failover-")
                .toAbsolutePath();
        inbox = Files.createDirectories(root.resolve("shared/inbox"));
        outbox = Files.createDirectories(root.resolve("shared/outbox"));
        done = Files.createDirectories(root.resolve("shared/done"));
        error = Files.createDirectories(root.resolve("shared/error"));
    }

    @AfterEach
    void stopPeers() throws Exception {
        if (state != null) {
            state.stop();
        }
        if (broker != null) {
            broker.stop();
        }
        if (aopay != null) {
            aopay.stop();
        }
    }

    /**
     * A replica in its own directory (its work folder there), on the shared folders (absolute, as on a
     * shared volume), with the shared store and the default cluster settings.
     */
    String[] settings(Path replica) {
        List<String> settings = new ArrayList<>(List.of(
                "-Daopay.base-url=http://127.0.0.1:" + aopay.port(),
                "-Daopay.auth.api-key=k",
                "-Daopay.limits.enabled=false", // every row is the same person here; the limits are tested elsewhere
                "-Daopay.jms.broker-url=tcp://127.0.0.1:" + brokerPort,
                "-Daopay.jms.username=" + BrokerUsers.BUNDLE,
                "-Daopay.jms.password=" + BrokerUsers.BUNDLE_PASSWORD,
                "-Daopay.file.inbox=" + inbox,
                "-Daopay.file.outbox=" + outbox,
                "-Daopay.file.done=" + done,
                "-Daopay.file.error=" + error,
                "-Daopay.file.work=" + replica.resolve("work"),
                "-Daopay.file.concurrency=" + CONCURRENCY,
                "-Daopay.file.claim-group=" + CLAIM_GROUP,
                "-Daopay.file.stable-for-ms=300",
                "-Daopay.file.poll-delay-ms=200"));
        stateSettings.forEach((key, value) -> settings.add("-D" + key + "=" + value));
        return settings.toArray(String[]::new);
    }

    @Test
    void oneReplicaPollsTheSharedFolderAndTheOtherFinishesItAfterAKill9() throws Exception {
        // --- Two replicas on one folder: exactly one leads --------------------------------------
        PackagedApp first =
                PackagedApp.startIn(root.resolve("replica-a"), "failover-a", settings(root.resolve("replica-a")));
        PackagedApp second =
                PackagedApp.startIn(root.resolve("replica-b"), "failover-b", settings(root.resolve("replica-b")));
        try (first;
                second) {
            assertTrue(first.waitUntilReady(STARTUP), first::output);
            assertTrue(second.waitUntilReady(STARTUP), second::output);
            AopayJournal.awaitOrFail(
                    STARTUP,
                    () -> isLeader(first) != isLeader(second),
                    () -> "not exactly one leader\n" + first.output() + "\n" + second.output());
            PackagedApp leader = isLeader(first) ? first : second;
            PackagedApp standby = leader == first ? second : first;
            HttpResponse<String> standbyReadiness = standby.get("/q/health/ready");
            assertEquals(
                    200,
                    standbyReadiness.statusCode(),
                    "a replica that does not poll the folder is still ready: " + standbyReadiness.body());

            // --- 50 files; the leader is killed in the middle of one ---------------------------------
            List<String> stems = IntStream.rangeClosed(1, FILES)
                    .mapToObj(n -> String.format("batch-%02d", n))
                    .toList();
            for (String stem : stems) {
                drop(stem);
            }
            AopayJournal.awaitOrFail(
                    FINISH,
                    () -> AopayJournal.requests(aopay) >= KILL_AFTER_REQUESTS || !leader.isAlive(),
                    () -> "AOPay saw only " + AopayJournal.requests(aopay) + " requests\n" + leader.output());
            String standbyBeforeKill = standby.output();
            String leaderBeforeKill = leader.output();
            leader.kill9();
            long killedAt = System.nanoTime();
            assertEquals(137, leader.exitValue(), "exit code of a process ended by SIGKILL");
            int requestsBeforeKill = AopayJournal.settledRequestCount(aopay);
            Set<String> sentBeforeKill =
                    AopayJournal.sendsPerPrimaryKeyId(aopay).keySet();
            int finishedBeforeKill = count(leader.output(), BATCH_DONE);

            // --- The other one takes over and finishes ----------------------------------------------
            AopayJournal.awaitOrFail(TAKEOVER, () -> isLeader(standby), () -> "no takeover\n" + standby.output());
            long takeoverMs = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
            AopayJournal.awaitOrFail(
                    TAKEOVER,
                    () -> AopayJournal.requests(aopay) > requestsBeforeKill,
                    () -> "the new leader sent nothing\n" + standby.output());
            long firstSendAfterKillMs =
                    Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
            AopayJournal.awaitOrFail(
                    FINISH,
                    () -> countFiles(done) == FILES && countFiles(inbox) == 0,
                    () -> countFiles(done) + " files done, " + countFiles(inbox) + " left\n" + standby.output());
            String standbyOutput = standby.output();

            // --- What came out -------------------------------------------------------------------
            Map<String, Long> sendsPerId = AopayJournal.sendsPerPrimaryKeyId(aopay);
            Map<String, Long> sentTwice = sendsPerId.entrySet().stream()
                    .filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, TreeMap::new));
            Set<String> allIds = stems.stream()
                    .flatMap(stem -> IntStream.rangeClosed(1, ROWS_PER_FILE).mapToObj(n -> id(stem, n)))
                    .collect(Collectors.toCollection(TreeSet::new));
            List<String> strangers = sendsPerId.keySet().stream()
                    .filter(id -> !allIds.contains(id))
                    .toList();
            List<String> problems = new ArrayList<>();
            List<String> interrupted = new ArrayList<>();
            for (String stem : stems) {
                Path result = outbox.resolve(stem + ".result.csv");
                if (!Files.exists(result)) {
                    problems.add(stem + ": no result file");
                    continue;
                }
                List<CSVRecord> rows = CsvCrashIT.rows(result);
                List<String> expectedLines = IntStream.rangeClosed(2, ROWS_PER_FILE + 1)
                        .mapToObj(String::valueOf)
                        .toList();
                if (!expectedLines.equals(rows.stream().map(r -> r.get("line")).toList())) {
                    problems.add(stem + ": result lines "
                            + rows.stream().map(r -> r.get("line")).toList());
                }
                for (CSVRecord row : rows) {
                    String id = row.get("PrimaryKeyId");
                    boolean wasInFlight = "ERROR".equals(row.get("outcome"))
                            && row.get("message").contains(CsvCrashIT.INTERRUPTED);
                    if (!id.equals(id(stem, Integer.parseInt(row.get("line")) - 1))) {
                        problems.add(stem + " line " + row.get("line") + ": PrimaryKeyId " + id);
                    } else if (wasInFlight) {
                        interrupted.add(id);
                    } else if (!"SUCCESS".equals(row.get("outcome"))) {
                        problems.add(stem + " line " + row.get("line") + ": " + row.get("outcome") + " "
                                + row.get("message"));
                    } else if (sendsPerId.getOrDefault(id, 0L) != 1) {
                        problems.add(stem + " line " + row.get("line") + ": SUCCESS but sent "
                                + sendsPerId.getOrDefault(id, 0L) + " times");
                    }
                }
            }
            // a file the killed leader was half-way through: some rows sent before the kill, the others after
            List<String> resumedFiles = stems.stream()
                    .filter(stem -> {
                        long before = IntStream.rangeClosed(1, ROWS_PER_FILE)
                                .filter(n -> sentBeforeKill.contains(id(stem, n)))
                                .count();
                        return before > 0 && before < ROWS_PER_FILE;
                    })
                    .toList();
            List<String> otherOutbox = listNames(outbox).stream()
                    .filter(name -> !name.matches("batch-\\d\\d\\.result\\.csv"))
                    .toList();
            int finishedByStandby = count(standbyOutput, BATCH_DONE);

            System.out.printf(
                    "DropFolderFailoverIT: %d files x %d rows; first leader: lock taken %s ms after its"
                            + " routes started (first look after %s ms); kill -9 after %d AOPay requests (%d files finished);"
                            + " takeover (standby reports leader) %d ms after the kill, its first AOPay request %d ms after;"
                            + " files finished by the standby: %d; resumed mid-file: %s; interrupted rows: %s; rows sent twice: %d%n",
                    FILES,
                    ROWS_PER_FILE,
                    leadAfterStartMs(leaderBeforeKill),
                    firstLookMs(leaderBeforeKill),
                    requestsBeforeKill,
                    finishedBeforeKill,
                    takeoverMs,
                    firstSendAfterKillMs,
                    finishedByStandby,
                    resumedFiles,
                    interrupted,
                    sentTwice.size());

            assertAll(
                    () -> assertTrue(
                            Files.exists(inbox.resolve(".cluster").resolve(DropFolderLock.NAMESPACE)),
                            "the lock file is in the inbox's .cluster folder by default"),
                    // only the leader polled before the kill
                    () -> assertTrue(finishedBeforeKill > 0, "the leader finished files before the kill"),
                    () -> assertEquals(
                            0,
                            count(standbyBeforeKill, BATCH_DONE),
                            "the standby must not poll the folder while the leader lives"),
                    () -> assertFalse(
                            standbyBeforeKill.contains(LEADER_LINE), "the standby must not have led before the kill"),
                    // the standby took over and finished the rest
                    () -> assertTrue(standbyOutput.contains(LEADER_LINE), "the standby says it took the folder over"),
                    () -> assertEquals(
                            FILES,
                            finishedBeforeKill + finishedByStandby,
                            "each file finished once, by one of the two (before the kill: " + finishedBeforeKill + ")"),
                    () -> assertEquals(List.of(), listNames(inbox), "nothing left in the inbox"),
                    () -> assertEquals(List.of(), listNames(error), "nothing in the error folder"),
                    () -> assertEquals(
                            List.of(), otherOutbox, "exactly one result file per input, nothing else in the outbox"),
                    () -> assertEquals(FILES, countFiles(done), "each input moved to done once"),
                    // every row exactly one result, and AOPay received no row twice
                    () -> assertEquals(List.of(), problems, "result rows"),
                    () -> assertTrue(sentTwice.isEmpty(), "rows AOPay received more than once: " + sentTwice),
                    () -> assertEquals(List.of(), strangers, "AOPay received rows that are in no file"),
                    // rows claimed ahead (one group, of every file open: the file consumer hands a file to the row
                    // pool and may start the next before the first ends), rows in the pool, rows whose result was
                    // not written yet: at most the claim group + 2 x concurrency + 1 (docs/csv.md)
                    () -> assertTrue(
                            interrupted.size() <= CLAIM_GROUP + 2 * CONCURRENCY + 1,
                            "only rows claimed and without a written result at the kill may end interrupted: "
                                    + interrupted),
                    () -> assertTrue(
                            TestData.SECRETS.stream()
                                    .noneMatch(secret ->
                                            leader.output().contains(secret) || standbyOutput.contains(secret)),
                            "a full identity number in a replica's output"),
                    () -> assertFalse(
                            resumedFiles.isEmpty(),
                            "the kill must have hit a file half-way (sent before the kill: " + requestsBeforeKill
                                    + ")"));

            // --- The killed replica comes back as a standby; a graceful stop of the leader hands over ---
            try (PackagedApp returned =
                    PackagedApp.startIn(root.resolve("replica-c"), "failover-c", settings(root.resolve("replica-c")))) {
                assertTrue(returned.waitUntilReady(STARTUP), returned::output);
                // several looks at the lock later, the live leader still leads
                await().during(Duration.ofSeconds(8))
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> isLeader(standby) && !isLeader(returned));
                long stopping = System.nanoTime();
                standby.close(); // SIGTERM: Camel stops, releases the lock, clears the heartbeat
                long stoppedMs = Duration.ofNanos(System.nanoTime() - stopping).toMillis();
                AopayJournal.awaitOrFail(TAKEOVER, () -> isLeader(returned), () -> "no handover\n" + returned.output());
                long handoverMs = Duration.ofNanos(System.nanoTime() - stopping).toMillis();
                System.out.printf(
                        "DropFolderFailoverIT: graceful stop of the leader took %d ms; the returned replica led %d ms"
                                + " after the stop began%n",
                        stoppedMs, handoverMs);
                assertTrue(returned.output().contains(LEADER_LINE), returned::output);
            }
        }
    }

    // --- helpers ----------------------------------------------------------------------------

    static String id(String stem, int row) {
        return stem + "-" + row;
    }

    /** Writes the file beside the inbox first and moves it in, as a well-behaved producer does. */
    void drop(String stem) throws IOException {
        StringBuilder content = new StringBuilder(HEADER).append('\n');
        for (int n = 1; n <= ROWS_PER_FILE; n++) {
            content.append("AOP554N3X,")
                    .append(TestData.MOBILE)
                    .append(',')
                    .append(TestData.AADHAAR)
                    .append(',')
                    .append(id(stem, n))
                    .append(",DEMO,AOP-554\n");
        }
        Path staging = root.resolve(stem + ".csv.staging");
        Files.writeString(staging, content, StandardCharsets.UTF_8);
        Files.move(staging, inbox.resolve(stem + ".csv"));
    }

    /** What the replica's readiness says of the drop folder (the check is UP either way). */
    static boolean isLeader(PackagedApp app) {
        try {
            JsonNode health = JSON.readTree(app.get("/q/health/ready").body());
            for (JsonNode check : health.path("checks")) {
                if ("csv-drop-folder".equals(check.path("name").asText())) {
                    return check.path("data").path("leader").asBoolean(false);
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Milliseconds from the lock's first announcement (while Camel starts) to the replica's leader line (or -1). */
    static long leadAfterStartMs(String output) {
        Matcher started = Pattern.compile("(?m)^(\\S+ \\S+) INFO .*to attempt initial cluster leadership acquisition")
                .matcher(output);
        Matcher led = Pattern.compile("(?m)^(\\S+ \\S+) INFO .*" + Pattern.quote(LEADER_LINE))
                .matcher(output);
        if (!started.find() || !led.find()) {
            return -1;
        }
        java.time.format.DateTimeFormatter format =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
        return Duration.between(
                        java.time.LocalDateTime.parse(started.group(1), format),
                        java.time.LocalDateTime.parse(led.group(1), format))
                .toMillis();
    }

    /** The first look at the lock Camel's file-lock view announced ("Waiting N ms ..."), or "-". */
    static String firstLookMs(String output) {
        Matcher m = Pattern.compile("Waiting (\\d+)ms to attempt initial cluster leadership acquisition")
                .matcher(output);
        return m.find() ? m.group(1) : "-";
    }

    static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    /** The files in a folder (not its sub-folders, such as the inbox's .cluster lock folder). */
    static List<String> listNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    static int countFiles(Path folder) {
        try {
            return listNames(folder).size();
        } catch (IOException e) {
            return -1;
        }
    }
}
