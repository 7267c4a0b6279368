package org.aepsbridge.resendotp.jms;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.HashMap;
import java.util.Map;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.OwnDropFolder;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/jms.md, the promises no other test checks: every queue name is a setting
 * (this class runs the bundle on queues of its own, {@code promises.*}); a routed result
 * carries the request's message id as {@code JMSCorrelationID} when it had no correlation id;
 * a failure other than an unprocessable message (here: the broker refusing the result) is
 * retried {@code aopay.jms.max-redeliveries} times and then dead-lettered with
 * {@code aopayFailureType}, without a second AOPay call; and the embedded broker itself moves
 * a message to the DLQ after 10 delivery attempts.
 */
@QuarkusTest
@TestProfile(JmsPromisesTest.Profile.class)
class JmsPromisesTest {

    static final int MAX_REDELIVERIES = 2;
    static final ObjectMapper JSON = new ObjectMapper();
    static final long WAIT_MS = 30_000;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(OwnDropFolder.settings("JmsPromisesTest"));
            config.put("aopay.jms.requests-queue", "promises.requests");
            config.put("aopay.jms.success-queue", "promises.success");
            config.put("aopay.jms.failed-queue", "promises.failed");
            config.put("aopay.jms.rejected-queue", "promises.rejected");
            config.put("aopay.jms.error-queue", "promises.error");
            config.put("aopay.jms.dlq", "promises.dlq");
            config.put("aopay.jms.max-redeliveries", String.valueOf(MAX_REDELIVERIES));
            return config;
        }
    }

    @AopayStandIn.Inject
    WireMockServer aopay;

    /**
     * The test broker's roles cover the bundle's default queue names: this class's own
     * {@code promises.*} queues get every right for each role (the bundle's consumer recovers
     * within its recovery interval once it may read its configured request queue).
     */
    @BeforeAll
    static void rolesForThisClasssQueues() {
        java.util.Set<org.apache.activemq.artemis.core.security.Role> roles = new java.util.HashSet<>();
        for (BrokerAccess.BrokerRole role : BrokerAccess.BrokerRole.values()) {
            roles.add(new org.apache.activemq.artemis.core.security.Role(
                    role.roleName, true, true, true, true, true, true, false, true, true, true));
        }
        ArtemisTestBroker.server().getSecurityRepository().addMatch("promises.#", roles);
    }

    @AfterAll
    static void noRolesLeftBehind() {
        ArtemisTestBroker.server().getSecurityRepository().removeMatch("promises.#");
    }

    static JMSContext client() {
        return new ActiveMQConnectionFactory(ArtemisTestBroker.coreUrl())
                .createContext(BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD);
    }

    int callsFor(String primaryKeyId) {
        return aopay.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo("/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP"))
                                .withRequestBody(matchingJsonPath("$.PrimaryKeyId", WireMock.equalTo(primaryKeyId)))
                                .build())
                .getCount();
    }

    static String request(String registrationId, String primaryKeyId) {
        return TestData.request(registrationId).replace("\"TEST\"", "\"" + primaryKeyId + "\"");
    }

    static Message receive(JMSContext jms, String queue, String correlation) {
        try (JMSConsumer consumer =
                jms.createConsumer(jms.createQueue(queue), "JMSCorrelationID = '" + correlation + "'")) {
            return consumer.receive(WAIT_MS);
        }
    }

    @Test
    void theConfiguredQueuesCarryRequestsAndResultsAndARoutedResultIsCorrelatedByMessageId() throws Exception {
        String id = "jms-names-" + System.nanoTime();
        try (JMSContext jms = client()) {
            TextMessage sent = jms.createTextMessage(request("AOP-554", id));
            jms.createProducer().send(jms.createQueue("promises.requests"), sent);
            String messageId = sent.getJMSMessageID();
            assertNotNull(messageId);
            assertNull(sent.getJMSCorrelationID());

            Message result = receive(jms, "promises.success", messageId);
            assertNotNull(result, "no result on the configured success queue correlated by the request's message id");
            JsonNode json = JSON.readTree(result.getBody(String.class));
            assertEquals("SUCCESS", json.get("outcome").asText());
            assertEquals(id, json.get("PrimaryKeyId").asText());

            TextMessage refused =
                    jms.createTextMessage(request("AOP-554", id + "-bad").replace(TestData.MOBILE, "12345"));
            jms.createProducer().send(jms.createQueue("promises.requests"), refused);
            Message rejected = receive(jms, "promises.rejected", refused.getJMSMessageID());
            assertNotNull(rejected, "no result on the configured rejected queue");
            assertEquals("REJECTED", rejected.getStringProperty("outcome"));
        }
        assertEquals(1, callsFor(id));
        assertEquals(0, callsFor(id + "-bad"));
    }

    @Test
    void aResultTheBrokerRefusesIsRetriedThenDeadLetteredWithItsFailureTypeAndNotSentTwice() throws Exception {
        // letters only: a dead letter masks every run of six or more digits
        String id = "jms-refused-"
                + Long.toString(System.nanoTime())
                        .chars()
                        .mapToObj(c -> String.valueOf((char) ('a' + c - '0')))
                        .collect(java.util.stream.Collectors.joining());
        // The broker refuses results for FAILED: their queue is full (one message, and the FAIL policy).
        ArtemisTestBroker.server()
                .getAddressSettingsRepository()
                .addMatch(
                        "promises.failed",
                        new AddressSettings()
                                .setMaxSizeBytes(1)
                                .setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL));
        try (JMSContext jms = client();
                JMSContext bundle = new ActiveMQConnectionFactory(ArtemisTestBroker.coreUrl())
                        .createContext(BrokerUsers.BUNDLE, BrokerUsers.BUNDLE_PASSWORD)) {
            bundle.createProducer().send(bundle.createQueue("promises.failed"), "filler");
            TextMessage sent = jms.createTextMessage(request("AOP-REFUSED", id));
            jms.createProducer().send(jms.createQueue("promises.requests"), sent);

            Message dead;
            try (JMSConsumer dlq = jms.createConsumer(jms.createQueue("promises.dlq"))) {
                dead = dlq.receive(WAIT_MS);
            }
            assertNotNull(dead, "the request whose result could not be sent is not on the configured DLQ");
            assertTrue(dead.getBody(String.class).contains("\"PrimaryKeyId\":\"" + id + "\""), "the original request");
            assertFalse(dead.getBody(String.class).contains(TestData.MOBILE), "dead letters are masked");
            String type = dead.getStringProperty(DeadLetterReason.TYPE);
            assertNotNull(type, "aopayFailureType names the failure");
            assertNotEquals(UnprocessableMessageException.class.getSimpleName(), type, "not an unprocessable message");
            assertNotNull(dead.getStringProperty(DeadLetterReason.REASON));
            assertEquals(
                    1 + MAX_REDELIVERIES,
                    dead.getIntProperty(DeadLetterReason.ATTEMPTS),
                    "one attempt and aopay.jms.max-redeliveries retries");
        } finally {
            ArtemisTestBroker.server().getAddressSettingsRepository().removeMatch("promises.failed");
        }
        assertEquals(1, callsFor(id), "the retries re-sent the result, never the request to AOPay");
    }

    @Test
    void theEmbeddedBrokerDeadLettersAMessageAfterTenDeliveryAttempts() throws Exception {
        // the test broker runs the bundle's own embedded-broker configuration (EmbeddedBroker.start)
        String queue = "promises.poison." + System.nanoTime();
        String body = "poison " + System.nanoTime();
        try (JMSContext producer = client();
                JMSContext session = new ActiveMQConnectionFactory(ArtemisTestBroker.coreUrl())
                        .createContext(
                                BrokerUsers.BUNDLE, BrokerUsers.BUNDLE_PASSWORD, JMSContext.SESSION_TRANSACTED)) {
            producer.createProducer().send(producer.createQueue(queue), body);
            try (JMSConsumer consumer = session.createConsumer(session.createQueue(queue))) {
                for (int attempt = 1; attempt <= 10; attempt++) {
                    Message delivered = consumer.receive(WAIT_MS);
                    assertNotNull(delivered, "delivery attempt " + attempt);
                    assertEquals(attempt, delivered.getIntProperty("JMSXDeliveryCount"));
                    session.rollback();
                }
            }
            try (JMSConsumer dlq = producer.createConsumer(
                    producer.createQueue("aopay.resendotp.dlq"), "_AMQ_ORIG_QUEUE = '" + queue + "'")) {
                Message dead = dlq.receive(WAIT_MS);
                assertNotNull(dead, "not moved to the broker's dead-letter queue");
                assertEquals(body, dead.getBody(String.class));
            }
            assertEquals(0, ArtemisTestBroker.messageCount(queue), "nothing left to loop on");
        }
    }
}
