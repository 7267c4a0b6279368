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
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.LogScan;
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
            return Map.of("aopay.limits.enabled", "true");
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
        try (Connection c = PostgresState.connect(); Statement s = c.createStatement()) {
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
            assertFalse(everything.toString().contains(secret), "full identity number " + secret.substring(0, 2) + "… in the shared store");
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
        // Another replica (same database, same identity key) let a resend through 10 seconds ago.
        execute("INSERT INTO resend_sent (identity, sent_at_ms) VALUES (?, ?)",
                identity("AOP-554", TestData.AADHAAR_2), Instant.now().minusSeconds(10).toEpochMilli());

        given().contentType(ContentType.JSON).body(request("AOP-554", TestData.AADHAAR_2, "other-replica"))
                .post("/api/v1/resend-otp").then()
                .statusCode(429)
                .body("outcome", equalTo("THROTTLED"));
        aopay.verify(0, postRequestedFor(urlPathEqualTo(RESEND_PATH)));
    }

    @Test
    void aResendHereIsRecordedForEveryReplicaUnderTheKeyedHashOnly() throws Exception {
        String body = request("AOP-REFUSED", TestData.AADHAAR_2, "here");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/resend-otp").then().statusCode(422);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/resend-otp").then().statusCode(429);

        assertEquals(1, count("SELECT COUNT(*) FROM resend_sent WHERE identity = ?", identity("AOP-REFUSED", TestData.AADHAAR_2)),
                "one send recorded, under the HMAC of RegistrationID + Aadhaar that every replica computes alike");
        aopay.verify(1, postRequestedFor(urlPathEqualTo(RESEND_PATH)));
    }

    @Test
    void aRepeatedIdempotencyKeyGetsTheFirstResultFromTheSharedStore() throws Exception {
        String body = request("AOP-554", TestData.AADHAAR, "idem");
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", "shared-key-1").body(body)
                .post("/api/v1/resend-otp").then().statusCode(200).extract().path("requestId");
        given().contentType(ContentType.JSON).header("Idempotency-Key", "shared-key-1").body(body)
                .post("/api/v1/resend-otp").then().statusCode(200).body("requestId", equalTo(first));
        aopay.verify(1, postRequestedFor(urlPathEqualTo(RESEND_PATH)));
        assertEquals(1, count("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ? AND result LIKE ?", "shared-key-1", "%" + first + "%"));
    }

    @Test
    void aFirstResultStoredByAnotherReplicaIsReplayedHere() throws Exception {
        execute("INSERT INTO idempotency_key (idem_key, result, expires_at_ms) VALUES (?, ?, ?)", "from-replica-b",
                "{\"outcome\":\"FAILED\",\"message\":\"AOPay refused\",\"requestId\":\"replica-b-1\",\"httpStatus\":200,\"status\":false}",
                Instant.now().plusSeconds(3600).toEpochMilli());

        given().contentType(ContentType.JSON).header("Idempotency-Key", "from-replica-b")
                .body(request("AOP-554", TestData.AADHAAR, "replayed"))
                .post("/api/v1/resend-otp").then()
                .statusCode(422)
                .body("requestId", equalTo("replica-b-1"))
                .body("outcome", equalTo("FAILED"));
        aopay.verify(0, postRequestedFor(urlPathEqualTo(RESEND_PATH)));
    }

    @Test
    void anExpiredKeyTheCleanupHasNotReachedYetIsAFirstRequestAgain() throws Exception {
        execute("INSERT INTO idempotency_key (idem_key, result, expires_at_ms) VALUES (?, ?, ?)", "expired-not-cleaned",
                "{\"outcome\":\"FAILED\",\"message\":\"old\",\"requestId\":\"long-ago\"}",
                Instant.now().minusSeconds(60).toEpochMilli());

        String fresh = given().contentType(ContentType.JSON).header("Idempotency-Key", "expired-not-cleaned")
                .body(request("AOP-REFUSED", TestData.AADHAAR, "after-expiry")) // an identity no other test sends (limits are on)
                .post("/api/v1/resend-otp").then().statusCode(422).extract().path("requestId");
        assertFalse("long-ago".equals(fresh), "the expired first result must not be replayed");
        aopay.verify(1, postRequestedFor(urlPathEqualTo(RESEND_PATH)));
        assertEquals(1, count("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ? AND result LIKE ? AND expires_at_ms > ?",
                "expired-not-cleaned", "%" + fresh + "%", Instant.now().toEpochMilli()), "the key now holds the new result");
    }

    @Test
    void aJmsMessageClaimedByAReplicaThatDiedIsNotSentToAopayAgain() throws Exception {
        String primaryKeyId = "claimed-" + System.nanoTime();
        try (JMSContext jms = new ActiveMQConnectionFactory(ArtemisTestBroker.coreUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD).createContext()) {
            // The message reached another replica, which claimed it and died before it answered:
            // the broker now redelivers it to this one.
            camel.getRouteController().stopRoute("jms-requests");
            TextMessage request = jms.createTextMessage(request("AOP-REFUSED", TestData.AADHAAR, primaryKeyId));
            request.setJMSCorrelationID(primaryKeyId);
            jms.createProducer().send(jms.createQueue("aopay.resendotp.requests"), request);
            execute("INSERT INTO jms_claim (message_id, claimed_at_ms) VALUES (?, ?)", request.getJMSMessageID(),
                    Instant.now().toEpochMilli());
            camel.getRouteController().startRoute("jms-requests");

            Message result = jms.createConsumer(jms.createQueue("aopay.resendotp.error"),
                    "JMSCorrelationID = '" + primaryKeyId + "'").receive(15_000);
            assertNotNull(result, "the redelivered message must get a result");
            JsonNode json = JSON.readTree(result.getBody(String.class));
            assertEquals("ERROR", json.get("outcome").asText());
            assertEquals("INTERRUPTED", json.get("cause").asText());
            assertEquals(primaryKeyId, json.get("PrimaryKeyId").asText(), "the result still says which request it answers");
            aopay.verify(0, postRequestedFor(urlPathEqualTo(RESEND_PATH)).withRequestBody(matchingJsonPath("$.PrimaryKeyId", equalToText(primaryKeyId))));
            assertEquals(1, count("SELECT COUNT(*) FROM jms_claim WHERE message_id = ? AND result LIKE '%INTERRUPTED%'",
                    request.getJMSMessageID()), "the claim now holds the result a further redelivery gets");
        }
    }

    @Test
    void csvProgressLivesInTheSharedDatabase() throws Exception {
        String name = "shared-" + System.nanoTime() + ".csv";
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve(name), """
                Userkey,Mobile,AdhaarNumber,PrimaryKeyId,EncodeTxnId,RegistrationID
                AOP554N3X,%s,%s,row-1,DEMO,AOP-554
                AOP554N3X,%s,,row-2,DEMO,AOP-554
                """.formatted(TestData.MOBILE, TestData.AADHAAR_BAD_CHECK, TestData.MOBILE), StandardCharsets.UTF_8);
        Path result = outbox.resolve(name.replace(".csv", ".result.csv"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
        assertEquals(2, count("SELECT COUNT(*) FROM csv_row_progress WHERE primary_key_id IN ('row-1', 'row-2') AND outcome = 'REJECTED'"));
    }

    @Test
    void expiredStateIsDeletedAndLiveStateKept() throws Exception {
        long now = Instant.now().toEpochMilli();
        execute("INSERT INTO resend_sent (identity, sent_at_ms) VALUES (?, ?), (?, ?)",
                "0".repeat(64), now - Duration.ofHours(2).toMillis(), "1".repeat(64), now);
        execute("INSERT INTO idempotency_key (idem_key, expires_at_ms) VALUES (?, ?), (?, ?)",
                "expired-key", now - 1, "live-key", now + 60_000);
        execute("INSERT INTO jms_claim (message_id, claimed_at_ms) VALUES (?, ?), (?, ?)",
                "ID:old-claim", now - Duration.ofDays(8).toMillis(), "ID:young-claim", now);

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
                {"Userkey":"AOP554N3X","Mobile":%s,"AdhaarNumber":"%s","PrimaryKeyId":"%s","EncodeTxnId":"DEMO","RegistrationID":"%s"}"""
                .formatted(TestData.MOBILE, aadhaar, primaryKeyId, registrationId);
    }

    /** What every replica computes for an identity: HMAC-SHA256 under aopay.state.identity-key. */
    static String identity(String registrationId, String aadhaar) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PostgresState.IDENTITY_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((registrationId + "\u0000" + aadhaar).getBytes(StandardCharsets.UTF_8)));
    }

    static com.github.tomakehurst.wiremock.matching.StringValuePattern equalToText(String value) {
        return com.github.tomakehurst.wiremock.client.WireMock.equalTo(value);
    }

    static void execute(String sql, Object... parameters) throws SQLException {
        try (Connection c = PostgresState.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    static long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = PostgresState.connect(); PreparedStatement s = c.prepareStatement(sql)) {
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
