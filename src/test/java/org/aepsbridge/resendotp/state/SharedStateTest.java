package org.aepsbridge.resendotp.state;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.LogScan;
import org.aepsbridge.resendotp.support.OwnFolders;
import org.aepsbridge.resendotp.support.PostgresState;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared state store (aopay.state.store=postgresql) against the real PostgreSQL server:
 * the application creates its tables in an empty schema, and what another replica wrote
 * there (a resend, a first result for an Idempotency-Key, a claimed JMS message) counts here
 * exactly as if this replica had written it. Expired state is deleted.
 */
@QuarkusTest
@TestProfile(SharedStateTest.SharedStore.class)
@QuarkusTestResource(AopayStandIn.class)
@QuarkusTestResource(ArtemisTestBroker.class)
class SharedStateTest {

    public static class SharedStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return OwnFolders.with("shared-store", Map.of("aopay.limits.enabled", "true"));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresState.class));
        }
    }

    static final String RESEND_PATH = "/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP";
    static final ObjectMapper JSON = new ObjectMapper();

    @AopayStandIn.Inject
    WireMockServer aopay;

    @Inject
    CamelContext camel;

    @Inject
    StateCleanup cleanup;

    @ConfigProperty(name = "aopay.file.inbox")
    Path inbox;

    @ConfigProperty(name = "aopay.file.outbox")
    Path outbox;

    @BeforeEach
    void freshStandIn() {
        aopay.resetRequests();
    }

    @AfterAll
    static void noFullIdentityNumberInTheDatabaseOrTheLog() throws Exception {
        StringBuilder everything = new StringBuilder();
        try (Connection c = PostgresState.connect();
                Statement s = c.createStatement()) {
            for (String table : List.of("resend_sent", "idempotency_key", "jms_claim", "csv_row_progress")) {
                try (ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
                    while (r.next()) {
                        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                            everything.append(r.getString(i)).append('\n');
                        }
                    }
                }
            }
        }
        assertTrue(everything.length() > 0, "the shared store is empty: the scan would prove nothing");
        for (String secret : TestData.SECRETS) {
            assertFalse(
                    everything.toString().contains(secret),
                    "full identity number " + secret.substring(0, 2) + "… in the shared store");
        }
        LogScan.assertNoSecretsInApplicationLog();
    }

    @Test
    void theApplicationCreatesItsTablesInAnEmptySchema() throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection c = PostgresState.connect();
                ResultSet r = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (r.next()) {
                tables.add(r.getString("TABLE_NAME"));
            }
        }
        assertEquals(Set.of("csv_row_progress", "idempotency_key", "jms_claim", "resend_sent"), tables);
    }

    @Test
    void aResendRecordedByAnotherReplicaCountsHere() throws Exception {
        // The identity row a send of (AOP-554, AADHAAR_2) leaves, whoever computed it: learnt from
        // one send here, then removed, as if this replica had never sent it.
        Set<String> earlier = identities();
        given().contentType(ContentType.JSON)
                .body(request("AOP-554", TestData.AADHAAR_2, "first-here"))
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(200);
        String identity = onlyNew(earlier);
        execute("DELETE FROM resend_sent WHERE identity = ?", identity);
        // Another replica (same database, same identity key) let a resend through 10 seconds ago.
        execute(
                "INSERT INTO resend_sent (identity, sent_at_ms) VALUES (?, ?)",
                identity,
                Instant.now().minusSeconds(10).toEpochMilli());

        given().contentType(ContentType.JSON)
                .body(request("AOP-554", TestData.AADHAAR_2, "other-replica"))
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(429)
                .body("outcome", equalTo("THROTTLED"));
        assertEquals(0, callsFor("other-replica"), "AOPay calls for the throttled request");
    }

    @Test
    void aResendHereIsRecordedForEveryReplicaUnderTheKeyedHashOnly() throws Exception {
        Set<String> earlier = identities();
        String body = request("AOP-REFUSED", TestData.AADHAAR_2, "here");
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(422);
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(429);

        // One send recorded, under a keyed hash (64 hex digits) that names neither number nor registration
        String identity = onlyNew(earlier);
        assertTrue(identity.matches("[0-9a-f]{64}"), "a hex SHA-256 HMAC: " + identity);
        for (String part : List.of(TestData.AADHAAR_2, "AOP-REFUSED", TestData.AADHAAR_2.substring(8))) {
            assertFalse(identity.contains(part), "the identity shows " + part);
        }
        assertEquals(1, callsFor("here"));
    }

    @Test
    void aRepeatedIdempotencyKeyGetsTheFirstResultFromTheSharedStore() throws Exception {
        String body = request("AOP-554", TestData.AADHAAR, "idem");
        String first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "shared-key-1")
                .body(body)
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(200)
                .extract()
                .path("requestId");
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "shared-key-1")
                .body(body)
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(200)
                .body("requestId", equalTo(first));
        assertEquals(1, callsFor("idem"));
        assertEquals(
                1,
                count("SELECT COUNT(*) FROM idempotency_key WHERE result LIKE ?", "%" + first + "%"),
                "one first result, shared");
        assertEquals(
                0,
                count("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ?", "shared-key-1"),
                "a key is kept under its client, never as the caller wrote it");
    }

    @Test
    void aFirstResultStoredByAnotherReplicaIsReplayedHere() throws Exception {
        execute(
                "INSERT INTO idempotency_key (idem_key, result, expires_at_ms) VALUES (?, ?, ?)",
                storedKey("from-replica-b"),
                "{\"outcome\":\"FAILED\",\"message\":\"AOPay refused\",\"requestId\":\"replica-b-1\",\"httpStatus\":200,\"status\":false}",
                Instant.now().plusSeconds(3600).toEpochMilli());

        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "from-replica-b")
                .body(request("AOP-554", TestData.AADHAAR, "replayed"))
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(422)
                .body("requestId", equalTo("replica-b-1"))
                .body("outcome", equalTo("FAILED"));
        assertEquals(0, callsFor("replayed"));
    }

    @Test
    void anExpiredKeyTheCleanupHasNotReachedYetIsAFirstRequestAgain() throws Exception {
        String stored = storedKey("expired-not-cleaned");
        execute(
                "INSERT INTO idempotency_key (idem_key, result, expires_at_ms) VALUES (?, ?, ?)",
                stored,
                "{\"outcome\":\"FAILED\",\"message\":\"old\",\"requestId\":\"long-ago\"}",
                Instant.now().minusSeconds(60).toEpochMilli());

        String fresh = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "expired-not-cleaned")
                .body(request(
                        "AOP-REFUSED",
                        TestData.AADHAAR,
                        "after-expiry")) // an identity no other test sends (limits are on)
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(422)
                .extract()
                .path("requestId");
        assertFalse("long-ago".equals(fresh), "the expired first result must not be replayed");
        assertEquals(1, callsFor("after-expiry"));
        assertEquals(
                1,
                count(
                        "SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ? AND result LIKE ? AND expires_at_ms > ?",
                        stored,
                        "%" + fresh + "%",
                        Instant.now().toEpochMilli()),
                "the key now holds the new result");
    }

    @Test
    void aJmsMessageClaimedByAReplicaThatDiedIsNotSentToAopayAgain() throws Exception {
        String primaryKeyId = "claimed-" + System.nanoTime();
        try (JMSContext jms = new ActiveMQConnectionFactory(
                        ArtemisTestBroker.coreUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)
                .createContext()) {
            // The message reached another replica, which claimed it and died before it answered:
            // the broker now redelivers it to this one.
            camel.getRouteController().stopRoute("jms-requests");
            TextMessage request = jms.createTextMessage(request("AOP-REFUSED", TestData.AADHAAR, primaryKeyId));
            request.setJMSCorrelationID(primaryKeyId);
            jms.createProducer().send(jms.createQueue("aopay.resendotp.requests"), request);
            execute(
                    "INSERT INTO jms_claim (message_id, claimed_at_ms) VALUES (?, ?)",
                    request.getJMSMessageID(),
                    Instant.now().toEpochMilli());
            camel.getRouteController().startRoute("jms-requests");

            Message result = jms.createConsumer(
                            jms.createQueue("aopay.resendotp.error"), "JMSCorrelationID = '" + primaryKeyId + "'")
                    .receive(15_000);
            assertNotNull(result, "the redelivered message must get a result");
            JsonNode json = JSON.readTree(result.getBody(String.class));
            assertEquals("ERROR", json.get("outcome").asText());
            assertEquals("INTERRUPTED", json.get("cause").asText());
            assertEquals(
                    primaryKeyId, json.get("PrimaryKeyId").asText(), "the result still says which request it answers");
            assertEquals(0, callsFor(primaryKeyId));
            assertEquals(
                    1,
                    count(
                            "SELECT COUNT(*) FROM jms_claim WHERE message_id = ? AND result LIKE '%INTERRUPTED%'",
                            request.getJMSMessageID()),
                    "the claim now holds the result a further redelivery gets");
        }
    }

    @Test
    void csvProgressLivesInTheSharedDatabase() throws Exception {
        String name = "shared-" + System.nanoTime() + ".csv";
        Files.createDirectories(inbox);
        Files.writeString(
                inbox.resolve(name),
                """
                Userkey,Mobile,AdhaarNumber,PrimaryKeyId,EncodeTxnId,RegistrationID
                AOP554N3X,%s,%s,row-1,DEMO,AOP-554
                AOP554N3X,%s,,row-2,DEMO,AOP-554
                """.formatted(TestData.MOBILE, TestData.AADHAAR_BAD_CHECK, TestData.MOBILE),
                StandardCharsets.UTF_8);
        Path result = outbox.resolve(name.replace(".csv", ".result.csv"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
        assertEquals(
                2,
                count(
                        "SELECT COUNT(*) FROM csv_row_progress WHERE primary_key_id IN ('row-1', 'row-2') AND outcome = 'REJECTED'"));
    }

    @Test
    void expiredStateIsDeletedAndLiveStateKept() throws Exception {
        long now = Instant.now().toEpochMilli();
        execute(
                "INSERT INTO resend_sent (identity, sent_at_ms) VALUES (?, ?), (?, ?)",
                "0".repeat(64),
                now - Duration.ofHours(2).toMillis(),
                "1".repeat(64),
                now);
        execute(
                "INSERT INTO idempotency_key (idem_key, expires_at_ms) VALUES (?, ?), (?, ?)",
                "expired-key",
                now - 1,
                "live-key",
                now + 60_000);
        execute(
                "INSERT INTO jms_claim (message_id, claimed_at_ms) VALUES (?, ?), (?, ?)",
                "ID:old-claim",
                now - Duration.ofDays(8).toMillis(),
                "ID:young-claim",
                now);

        assertTrue(cleanup.forgetExpired() >= 3);

        assertEquals(0, count("SELECT COUNT(*) FROM resend_sent WHERE identity = ?", "0".repeat(64)));
        assertEquals(1, count("SELECT COUNT(*) FROM resend_sent WHERE identity = ?", "1".repeat(64)));
        assertEquals(0, count("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ?", "expired-key"));
        assertEquals(1, count("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ?", "live-key"));
        assertEquals(0, count("SELECT COUNT(*) FROM jms_claim WHERE message_id = ?", "ID:old-claim"));
        assertEquals(1, count("SELECT COUNT(*) FROM jms_claim WHERE message_id = ?", "ID:young-claim"));
    }

    // --- helpers ----------------------------------------------------------------------------

    static String request(String registrationId, String aadhaar, String primaryKeyId) {
        return """
                {"Userkey":"AOP554N3X","Mobile":%s,"AdhaarNumber":"%s","PrimaryKeyId":"%s","EncodeTxnId":"DEMO","RegistrationID":"%s"}""".formatted(TestData.MOBILE, aadhaar, primaryKeyId, registrationId);
    }

    /** AOPay calls for this test's own request (its PrimaryKeyId): other traffic cannot hide or add one. */
    int callsFor(String primaryKeyId) {
        return aopay.findAll(postRequestedFor(urlPathEqualTo(RESEND_PATH))
                        .withRequestBody(matchingJsonPath(
                                "$.PrimaryKeyId",
                                com.github.tomakehurst.wiremock.client.WireMock.equalTo(primaryKeyId))))
                .size();
    }

    static Set<String> identities() throws SQLException {
        Set<String> identities = new TreeSet<>();
        try (Connection c = PostgresState.connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT identity FROM resend_sent")) {
            while (r.next()) {
                identities.add(r.getString(1));
            }
        }
        return identities;
    }

    /** The one identity recorded since {@code earlier}. */
    static String onlyNew(Set<String> earlier) throws SQLException {
        Set<String> added = identities();
        added.removeAll(earlier);
        assertEquals(1, added.size(), "identities recorded by this test: " + added);
        return added.iterator().next();
    }

    /**
     * The row name under which the bundle keeps this Idempotency-Key of the test client (a key
     * belongs to its client), learnt from one request that reaches no one (an empty body is
     * REJECTED before the core calls AOPay), then emptied for the test to fill "as another
     * replica": the test need not know how the name is made.
     */
    static String storedKey(String idempotencyKey) throws SQLException {
        Set<String> earlier = idempotencyRows();
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", idempotencyKey)
                .body("{}")
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(400);
        Set<String> added = idempotencyRows();
        added.removeAll(earlier);
        assertEquals(1, added.size(), "rows the learning request made: " + added);
        String stored = added.iterator().next();
        execute("DELETE FROM idempotency_key WHERE idem_key = ?", stored);
        return stored;
    }

    static Set<String> idempotencyRows() throws SQLException {
        Set<String> rows = new TreeSet<>();
        try (Connection c = PostgresState.connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT idem_key FROM idempotency_key")) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    static void execute(String sql, Object... parameters) throws SQLException {
        try (Connection c = PostgresState.connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    static long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = PostgresState.connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
