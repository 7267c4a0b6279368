package org.aepsbridge.resendotp.csv;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.OwnDropFolder;
import org.aepsbridge.resendotp.support.SlowAopay;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.camel.CamelContext;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/csv.md, the promises no other test checks: the same file (name, size,
 * time stamp) dropped again within {@code aopay.file.progress-retention} is not sent again; its
 * progress is forgotten after the retention, and then it is a new batch; at most
 * {@code aopay.file.concurrency} rows of a file are in flight at once; a file of several claim
 * groups ({@code aopay.file.claim-group}, small here) gets every result in line order, and only
 * its rows are claimed when quoted cells span lines.
 */
@QuarkusTest
@TestProfile(CsvPromisesTest.Profile.class)
class CsvPromisesTest {

    static final int CONCURRENCY = 3;
    static final int CLAIM_GROUP = 5;
    static final String SLOW = "AOP-CSV-SLOW";
    static final Duration WAIT = Duration.ofSeconds(60);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(OwnDropFolder.settings("CsvPromisesTest"));
            config.put("aopay.file.concurrency", String.valueOf(CONCURRENCY));
            config.put("aopay.file.claim-group", String.valueOf(CLAIM_GROUP));
            // the slow answer must be an answer: no pause of a loaded machine may turn it into a retried timeout
            config.put("aopay.http.response-timeout-ms", "15000");
            return config;
        }
    }

    @AopayStandIn.Inject
    WireMockServer aopay;

    @Inject
    CamelContext camel;

    @Inject
    AgroalDataSource progressStore;

    @Inject
    CsvRetention retention;

    @Inject
    FileSettings settings;

    @ConfigProperty(name = "aopay.file.inbox")
    Path inbox;

    @ConfigProperty(name = "aopay.file.outbox")
    Path outbox;

    @BeforeEach
    void slowStub() {
        SlowAopay.stub(aopay, SLOW, 600);
    }

    int callsFor(String primaryKeyId) {
        return aopay.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo("/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP"))
                                .withRequestBody(matchingJsonPath("$.PrimaryKeyId", WireMock.equalTo(primaryKeyId)))
                                .build())
                .getCount();
    }

    OwnDropFolder folder() {
        return new OwnDropFolder(inbox, outbox);
    }

    /** Drops {@code <stem>.csv} with the given content and time stamp (the same file, when all three are the same) and waits for its result. */
    List<CSVRecord> dropAndAwait(String stem, String content, FileTime modified) throws IOException {
        Path result = outbox.resolve(stem + ".result.csv");
        Files.deleteIfExists(result); // an earlier result would be renamed: wait for this drop's own
        Files.createDirectories(inbox);
        Path staging = inbox.resolveSibling(stem + ".staging");
        Files.writeString(staging, content);
        Files.setLastModifiedTime(staging, modified);
        Files.move(staging, inbox.resolve(stem + ".csv"));
        List<CSVRecord> rows = folder().awaitResult(stem, WAIT);
        await().atMost(WAIT).until(() -> !Files.exists(inbox.resolve(stem + ".csv")));
        return rows;
    }

    static String batch(String stem, String registrationId, int rows) {
        return OwnDropFolder.HEADER + "\n"
                + IntStream.rangeClosed(1, rows)
                        .mapToObj(i ->
                                OwnDropFolder.row(TestData.MOBILE, TestData.AADHAAR, stem + "-" + i, registrationId))
                        .collect(Collectors.joining("\n"))
                + "\n";
    }

    static List<String> outcomes(List<CSVRecord> rows) {
        return rows.stream().map(r -> r.get("outcome") + " " + r.get("message")).toList();
    }

    static FileTime aMinuteAgo() {
        return FileTime.from(Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void theSameFileDroppedAgainWithinTheRetentionIsNotSentAgain() throws Exception {
        String stem = "again-" + System.nanoTime();
        String content = batch(stem, "AOP-554", 2);
        FileTime modified = aMinuteAgo();
        List<CSVRecord> first = dropAndAwait(stem, content, modified);
        assertEquals(
                List.of("SUCCESS", "SUCCESS"),
                first.stream().map(r -> r.get("outcome")).toList());

        List<CSVRecord> again = dropAndAwait(stem, content, modified);
        assertEquals(outcomes(first), outcomes(again), "the same file gets its first results again");
        assertEquals(1, callsFor(stem + "-1"), "not sent again");
        assertEquals(1, callsFor(stem + "-2"), "not sent again");

        // a changed time stamp is another file: a new batch
        dropAndAwait(stem, content, FileTime.from(modified.toInstant().plusSeconds(1)));
        assertEquals(2, callsFor(stem + "-1"));
    }

    @Test
    void theProgressOfAFileIsForgottenAfterTheRetentionAndItIsANewBatchThen() throws Exception {
        String stem = "retained-" + System.nanoTime();
        String content = batch(stem, "AOP-554", 1);
        FileTime modified = aMinuteAgo();
        dropAndAwait(stem, content, modified);
        assertEquals(1, callsFor(stem + "-1"));

        // the batch finished longer ago than the retention: as if that time had passed
        Instant past = Instant.now().minus(settings.progressRetention()).minus(Duration.ofHours(1));
        try (Connection c = progressStore.getConnection();
                PreparedStatement age =
                        c.prepareStatement("UPDATE csv_row_progress SET updated_at = ? WHERE primary_key_id = ?")) {
            age.setTimestamp(1, Timestamp.from(past));
            age.setString(2, stem + "-1");
            assertEquals(1, age.executeUpdate());
        }
        retention.forgetExpired(); // what the csv-progress-retention route runs every hour

        List<CSVRecord> again = dropAndAwait(stem, content, modified);
        assertEquals("SUCCESS", again.get(0).get("outcome"));
        assertEquals(2, callsFor(stem + "-1"), "after the retention the same file is a new batch and is sent");
    }

    @Test
    void aFileOfSeveralClaimGroupsGetsEveryResultInLineOrderAndOnlyItsRowsAreClaimed() throws Exception {
        String stem = "groups-" + System.nanoTime();
        int rows = 4 * CLAIM_GROUP + 3;
        // every third row has a note over two lines (a column the bundle ignores): a row's line is still its
        // number among the rows plus one (the header's), and only rows are claimed
        StringBuilder content = new StringBuilder(OwnDropFolder.HEADER + ",Note\n");
        List<String> expectedLines = new java.util.ArrayList<>();
        int line = 2;
        for (int i = 1; i <= rows; i++) {
            expectedLines.add(line + " " + stem + "-" + i + " SUCCESS");
            boolean twoLines = i % 3 == 0;
            content.append(OwnDropFolder.row(TestData.MOBILE, TestData.AADHAAR, stem + "-" + i, "AOP-554"))
                    .append(twoLines ? ",\"first line\nsecond line\"\n" : ",one line\n");
            line++;
        }
        List<CSVRecord> results = dropAndAwait(stem, content.toString(), aMinuteAgo());

        assertEquals(
                expectedLines,
                results.stream()
                        .map(r -> r.get("line") + " " + r.get("PrimaryKeyId") + " " + r.get("outcome"))
                        .toList(),
                "one result per row, in line order, across " + (rows / CLAIM_GROUP + 1) + " claim groups");
        try (Stream<Integer> each = IntStream.rangeClosed(1, rows).boxed()) {
            assertTrue(each.allMatch(i -> callsFor(stem + "-" + i) == 1), "every row sent once");
        }
        List<String> claimed = new java.util.ArrayList<>();
        try (Connection c = progressStore.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "SELECT line, primary_key_id, outcome FROM csv_row_progress"
                                + " WHERE batch_id = (SELECT batch_id FROM csv_row_progress WHERE primary_key_id = ?) ORDER BY line")) {
            q.setString(1, stem + "-1");
            try (java.sql.ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    claimed.add(r.getLong(1) + " " + r.getString(2) + " " + r.getString(3));
                }
            }
        }
        assertEquals(expectedLines, claimed, "the progress store holds the rows' lines, each with its result");
    }

    @Test
    void atMostTheConfiguredNumberOfRowsAreInFlightAtOnce() throws Exception {
        String stem = "concurrent-" + System.nanoTime();
        int rows = 3 * CONCURRENCY;
        Path result = outbox.resolve(stem + ".result.csv");
        folder().drop(stem, batch(stem, SLOW, rows));
        int most = 0;
        while (!Files.exists(result)) {
            most = Math.max(most, camel.getInflightRepository().size("csv-row"));
            Thread.onSpinWait();
        }
        assertEquals(CONCURRENCY, most, "rows in flight at once, with aopay.file.concurrency=" + CONCURRENCY);
        assertEquals(rows, folder().awaitResult(stem, WAIT).size());
        try (Stream<Integer> each = IntStream.rangeClosed(1, rows).boxed()) {
            assertTrue(each.allMatch(i -> callsFor(stem + "-" + i) == 1), "every row sent once");
        }
    }
}
