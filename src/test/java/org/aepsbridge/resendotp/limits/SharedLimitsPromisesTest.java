package org.aepsbridge.resendotp.limits;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.aepsbridge.resendotp.model.AcceptedRequest;
import org.aepsbridge.resendotp.rules.Verhoeff;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.OwnDropFolder;
import org.aepsbridge.resendotp.support.PostgresState;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * docs/core.md "Resend limits" and docs/state-store.md, the promises no other test checks, against the
 * real PostgreSQL server: two replicas deciding about the same identity at once let one
 * resend through (the advisory lock; two data sources of their own on the same schema stand
 * in for two replicas); the limits as configured are 5 per hour and 1 per 45 s; the
 * {@code state-cleanup} route deletes expired state on its own, every
 * {@code aopay.state.cleanup-interval}; the {@code state} datasource is in readiness; a
 * CSV row refused by the limits says when to try again.
 */
@QuarkusTest
@TestProfile(SharedLimitsPromisesTest.Profile.class)
class SharedLimitsPromisesTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(OwnDropFolder.settings("SharedLimitsPromisesTest"));
            config.put("aopay.limits.enabled", "true");
            config.put("aopay.state.cleanup-interval", "1s");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresState.class));
        }
    }

    static final String AOPAY_PATH = "/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP";

    @AopayStandIn.Inject
    WireMockServer aopay;

    @Inject
    LimitsSettings settings;

    @ConfigProperty(name = "aopay.file.inbox")
    Path inbox;

    @ConfigProperty(name = "aopay.file.outbox")
    Path outbox;

    /** A valid Aadhaar number of this test's own, so its identity is nobody else's. */
    static String freshAadhaar() {
        String digits = "3" + "%010d".formatted(System.nanoTime() % 10_000_000_000L);
        return digits + Verhoeff.checkDigit(digits);
    }

    /** One replica's view of the shared limits: its own data source (its own connections) on the shared schema. */
    ResendLimits replica(java.time.Clock clock) {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(PostgresState.url());
        db.setUser(PostgresState.USER);
        return new ResendLimits(
                settings,
                new SharedResendHistory(db),
                PostgresState.IDENTITY_KEY.getBytes(StandardCharsets.UTF_8),
                clock);
    }

    static AcceptedRequest request(String registrationId, String aadhaar) {
        return new AcceptedRequest("AOP554N3X", TestData.MOBILE, aadhaar, "P", "E", registrationId, null, null, null);
    }

    @Test
    void twoReplicasDecidingTheSameIdentityAtOnceLetOneResendThrough() throws Exception {
        ResendLimits first = replica(java.time.Clock.systemUTC());
        ResendLimits second = replica(java.time.Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                AcceptedRequest same = request("AOP-RACE-" + round + "-" + System.nanoTime(), freshAadhaar());
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Boolean>> decisions = new ArrayList<>();
                for (ResendLimits replica : List.of(first, second)) {
                    decisions.add(pool.submit(() -> {
                        together.await();
                        try {
                            replica.record(same);
                            return true;
                        } catch (ResendThrottledException refused) {
                            return false;
                        }
                    }));
                }
                int letThrough = 0;
                for (Future<Boolean> decision : decisions) {
                    letThrough += decision.get() ? 1 : 0;
                }
                assertEquals(1, letThrough, "round " + round + ": both replicas decided at once; exactly one may send");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theConfiguredLimitsAreOnePer45SecondsAndFivePerHour() {
        // docs/core.md, "Resend limits": "by default ... at most one resend per 45 seconds and at most 5 per hour"
        LimitsSettings configured = settings;
        assertEquals(Duration.ofSeconds(45), configured.minInterval());
        assertEquals(5, configured.maxPerWindow());
        assertEquals(Duration.ofHours(1), configured.window());

        ResendLimitsTest.ManualClock clock = new ResendLimitsTest.ManualClock();
        // now, to the millisecond the store keeps: the cleanup route deletes what is older than an hour in real time
        clock.now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ResendLimits limits = replica(clock);
        AcceptedRequest someone = request("AOP-FIVE-" + System.nanoTime(), freshAadhaar());
        Instant start = clock.now;
        for (int i = 0; i < 5; i++) {
            limits.record(someone);
            clock.advance(Duration.ofSeconds(44));
            assertThrows(ResendThrottledException.class, () -> limits.record(someone), "within 45 s of the last");
            clock.advance(Duration.ofSeconds(1));
        }
        ResendThrottledException sixth = assertThrows(ResendThrottledException.class, () -> limits.record(someone));
        assertEquals(
                Duration.between(clock.now, start.plus(Duration.ofHours(1))),
                sixth.retryAfter(),
                "the sixth in the hour waits until the first leaves the window");
        assertTrue(sixth.getMessage().contains("5"), sixth.getMessage());
        clock.now = start.plus(Duration.ofHours(1));
        limits.record(someone);
    }

    @Test
    void theCleanupRouteDeletesExpiredStateOnItsInterval() throws Exception {
        long now = System.currentTimeMillis();
        String old = "old-" + System.nanoTime();
        String live = "live-" + System.nanoTime();
        execute(
                "INSERT INTO resend_sent (identity, sent_at_ms) VALUES (?, ?)",
                old,
                now - Duration.ofHours(2).toMillis());
        execute(
                "INSERT INTO resend_sent (identity, sent_at_ms) VALUES (?, ?)",
                live,
                now - Duration.ofMinutes(1).toMillis());
        execute("INSERT INTO idempotency_key (idem_key, result, expires_at_ms) VALUES (?, NULL, ?)", old, now - 1000);
        execute(
                "INSERT INTO idempotency_key (idem_key, result, expires_at_ms) VALUES (?, NULL, ?)",
                live,
                now + 3_600_000);
        // nobody calls the cleanup here: only the state-cleanup route's timer can delete them
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        count("resend_sent", "identity", old) == 0 && count("idempotency_key", "idem_key", old) == 0);
        assertEquals(1, count("resend_sent", "identity", live), "a send inside the window stays");
        assertEquals(1, count("idempotency_key", "idem_key", live), "a key inside its TTL stays");
    }

    @Test
    void theStateDatasourceIsInReadiness() {
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.data.state", equalTo("UP"));
    }

    @Test
    void aCsvRowRefusedByTheLimitsIsThrottledAndSaysWhenToTryAgain() throws Exception {
        String stem = "throttled-" + System.nanoTime();
        String aadhaar = freshAadhaar();
        new OwnDropFolder(inbox, outbox)
                .drop(
                        stem,
                        String.join(
                                        "\n",
                                        OwnDropFolder.HEADER,
                                        OwnDropFolder.row(TestData.MOBILE, aadhaar, stem + "-a", "AOP-554"),
                                        OwnDropFolder.row(TestData.MOBILE, aadhaar, stem + "-b", "AOP-554"))
                                + "\n");
        List<CSVRecord> records = new OwnDropFolder(inbox, outbox).awaitResult(stem, Duration.ofSeconds(60));
        // the rows go to AOPay concurrently: either one may be the one let through
        assertEquals(
                Set.of("SUCCESS", "THROTTLED"),
                records.stream().map(r -> r.get("outcome")).collect(Collectors.toSet()));
        CSVRecord throttled = records.stream()
                .filter(r -> r.get("outcome").equals("THROTTLED"))
                .findFirst()
                .orElseThrow();
        Matcher seconds = Pattern.compile("(\\d+) s\\b").matcher(throttled.get("message"));
        assertTrue(
                seconds.find(), "the THROTTLED row says in how many seconds to try again: " + throttled.get("message"));
        int wait = Integer.parseInt(seconds.group(1));
        assertTrue(wait >= 1 && wait <= 45, "at most the 45 s interval: " + throttled.get("message"));
        assertEquals("", throttled.get("responseCode"), "never sent, so no answer from AOPay");
        assertEquals(
                1,
                aopay.countRequestsMatching(postRequestedFor(urlPathEqualTo(AOPAY_PATH))
                                .withRequestBody(matchingJsonPath("$.AdhaarNumber", WireMock.equalTo(aadhaar)))
                                .build())
                        .getCount());
    }

    static void execute(String sql, Object... args) throws SQLException {
        try (Connection c = PostgresState.connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    static int count(String table, String column, String value) throws SQLException {
        try (Connection c = PostgresState.connect();
                PreparedStatement s =
                        c.prepareStatement("SELECT count(*) FROM " + table + " WHERE " + column + " = ?")) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
