package org.aepsbridge.resendotp.jms;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.LogScan;
import org.aepsbridge.resendotp.support.OutputHygiene;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JMS channel against a real ActiveMQ Artemis broker over TCP and WireMock as
 * AOPay, as a legacy system would use it: one test per promise of docs/jms.md, the JMS
 * channel section. Each test correlates by a fresh JMSCorrelationID, so tests never read each
 * other's results.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
@QuarkusTestResource(ArtemisTestBroker.class)
class JmsChannelTest {

    static final String REQUESTS = "aopay.resendotp.requests";
    static final long WAIT_MS = 15_000;
    static final ObjectMapper JSON = new ObjectMapper();

    @AopayStandIn.Inject
    WireMockServer aopay;

    @BeforeEach
    void freshStandIn() {
        aopay.resetRequests();
    }

    @AfterAll
    static void noFullIdentityNumberReachedTheLog() throws Exception {
        LogScan.assertNoSecretsInApplicationLog();
    }

    static ConnectionFactory core() {
        return new ActiveMQConnectionFactory(
                ArtemisTestBroker.coreUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD);
    }

    /** Sends a JSON text request with a fresh correlation id and returns that id. */
    static String send(JMSContext jms, String body) {
        String correlation = UUID.randomUUID().toString();
        TextMessage message = jms.createTextMessage(body);
        setCorrelation(message, correlation);
        jms.createProducer().send(jms.createQueue(REQUESTS), message);
        return correlation;
    }

    static void setCorrelation(Message message, String id) {
        try {
            message.setJMSCorrelationID(id);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    static Message receive(JMSContext jms, String queue, String correlation) {
        return jms.createConsumer(jms.createQueue(queue), "JMSCorrelationID = '" + correlation + "'")
                .receive(WAIT_MS);
    }

    static JsonNode body(Message message) throws Exception {
        assertNotNull(message, "no result arrived");
        return JSON.readTree(message.getBody(String.class));
    }

    int aopayCallsFor(String registrationId) {
        return aopay.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo("/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP"))
                                .withRequestBody(matchingJsonPath("$.RegistrationID", WireMock.equalTo(registrationId)))
                                .build())
                .getCount();
    }

    @Test
    void successIsRoutedToTheSuccessQueueWithTheOutcomeAsAProperty() throws Exception {
        try (JMSContext jms = core().createContext()) {
            String id = send(jms, TestData.request("AOP-554"));
            Message result = receive(jms, "aopay.resendotp.success", id);
            JsonNode json = body(result);
            assertEquals("SUCCESS", json.get("outcome").asText());
            assertEquals("XXXX XXXX 2346", json.get("maskedAadhaar").asText());
            assertEquals("SUCCESS", result.getStringProperty("outcome"));
            assertEquals(json.get("requestId").asText(), result.getStringProperty("requestId"));
            assertEquals(
                    BrokerUsers.CLIENT,
                    result.getStringProperty("client"),
                    "the client is the user the broker authenticated");
            assertFalse(result.getBody(String.class).contains(TestData.AADHAAR));
            assertEquals(1, aopayCallsFor("AOP-554"));
        }
    }

    @Test
    void failedAndUnauthorizedAreRoutedToTheFailedQueue() throws Exception {
        try (JMSContext jms = core().createContext()) {
            String refused = send(jms, TestData.request("AOP-REFUSED"));
            String unauthorized = send(jms, TestData.request("AOP-401"));
            assertEquals(
                    "FAILED",
                    body(receive(jms, "aopay.resendotp.failed", refused))
                            .get("outcome")
                            .asText());
            assertEquals(
                    "UNAUTHORIZED",
                    body(receive(jms, "aopay.resendotp.failed", unauthorized))
                            .get("outcome")
                            .asText());
            assertEquals(1, aopayCallsFor("AOP-401"), "a 401 is never retried");
        }
    }

    @Test
    void brokenRulesAreRoutedToTheRejectedQueueAndNeverSent() throws Exception {
        try (JMSContext jms = core().createContext()) {
            String id = send(jms, TestData.request("AOP-554").replace(TestData.MOBILE, "12345"));
            JsonNode json = body(receive(jms, "aopay.resendotp.rejected", id));
            assertEquals("REJECTED", json.get("outcome").asText());
            assertEquals("Mobile", json.get("fieldErrors").get(0).get("field").asText());
            assertEquals(0, aopayCallsFor("AOP-554"));
        }
    }

    @Test
    void technicalFailuresAreRoutedToTheErrorQueue() throws Exception {
        try (JMSContext jms = core().createContext()) {
            String id = send(jms, TestData.request("AOP-500"));
            JsonNode json = body(receive(jms, "aopay.resendotp.error", id));
            assertEquals("ERROR", json.get("outcome").asText());
            assertEquals(500, json.get("httpStatus").asInt());
        }
    }

    @Test
    void replyToGetsTheResultWithTheRequestsCorrelationId() throws Exception {
        try (JMSContext jms = core().createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            TextMessage request = jms.createTextMessage(TestData.request("AOP-554"));
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("legacy-42");
            jms.createProducer().send(jms.createQueue(REQUESTS), request);
            Message reply = jms.createConsumer(replies).receive(WAIT_MS);
            assertEquals("SUCCESS", body(reply).get("outcome").asText());
            assertEquals("legacy-42", reply.getJMSCorrelationID());
            assertEquals("SUCCESS", reply.getStringProperty("outcome"));
            assertNull(
                    receive(jms, "aopay.resendotp.success", "legacy-42", 500), "a reply-to result is not also routed");
        }
    }

    static Message receive(JMSContext jms, String queue, String correlation, long waitMs) {
        return jms.createConsumer(jms.createQueue(queue), "JMSCorrelationID = '" + correlation + "'")
                .receive(waitMs);
    }

    @Test
    void replyToWithoutCorrelationIdIsCorrelatedByMessageId() throws Exception {
        try (JMSContext jms = core().createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            TextMessage request = jms.createTextMessage(TestData.request("AOP-REFUSED"));
            request.setJMSReplyTo(replies);
            jms.createProducer().send(jms.createQueue(REQUESTS), request);
            Message reply = jms.createConsumer(replies).receive(WAIT_MS);
            assertEquals("FAILED", body(reply).get("outcome").asText());
            assertEquals(request.getJMSMessageID(), reply.getJMSCorrelationID());
        }
    }

    @Test
    void utf8BytesMessagesAreRequestsToo() throws Exception {
        try (JMSContext jms = core().createContext()) {
            BytesMessage request = jms.createBytesMessage();
            request.writeBytes(TestData.request("AOP-554").getBytes(StandardCharsets.UTF_8));
            String id = UUID.randomUUID().toString();
            request.setJMSCorrelationID(id);
            jms.createProducer().send(jms.createQueue(REQUESTS), request);
            assertEquals(
                    "SUCCESS",
                    body(receive(jms, "aopay.resendotp.success", id))
                            .get("outcome")
                            .asText());
        }
    }

    @Test
    void aMessageThatIsNotJsonGoesToTheDlqAtOnceWithTheReason() throws Exception {
        try (JMSContext jms = core().createContext()) {
            String id = send(jms, "{\"Userkey\": \"AOP554N3X\", \"AdhaarNumber\": " + TestData.AADHAAR + "X}");
            Message dead = receive(jms, "aopay.resendotp.dlq", id);
            assertNotNull(dead, "the poison message must reach the DLQ");
            String reason = dead.getStringProperty(DeadLetterReason.REASON);
            OutputHygiene.capture("dlq", "JmsChannelTest", "reason=" + reason + "\n" + dead.getBody(String.class));
            assertTrue(reason.contains("not JSON"), reason);
            assertFalse(reason.contains(TestData.AADHAAR), "the reason must not carry the Aadhaar number: " + reason);
            assertEquals(1, dead.getIntProperty(DeadLetterReason.ATTEMPTS), "retrying cannot fix it: no redelivery");
            String kept = dead.getBody(String.class);
            assertTrue(
                    kept.startsWith("{\"Userkey\": \"AOP554N3X\", \"AdhaarNumber\": XXXXXXXX2346X"),
                    "the DLQ keeps the message, masked: " + kept);
            for (String queue :
                    new String[] {"aopay.resendotp.success", "aopay.resendotp.rejected", "aopay.resendotp.error"}) {
                assertNull(receive(jms, queue, id, 300), "a poison message has no result on " + queue);
            }
        }
    }

    @Test
    void anAmqpClientSendsARequestAndReadsTheRoutedResult() throws Exception {
        // A legacy system on AMQP 1.0 (Qpid JMS), not Artemis' own protocol.
        try (JMSContext amqp = new JmsConnectionFactory(
                        BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD, ArtemisTestBroker.amqpUrl())
                .createContext()) {
            Queue requests = amqp.createQueue(REQUESTS);
            TextMessage request = amqp.createTextMessage(TestData.request("AOP-554"));
            request.setJMSCorrelationID("amqp-" + UUID.randomUUID());
            amqp.createProducer().send(requests, request);
            Message result = receive(amqp, "aopay.resendotp.success", request.getJMSCorrelationID());
            assertEquals("SUCCESS", body(result).get("outcome").asText());
            assertEquals("SUCCESS", result.getStringProperty("outcome"));
        }
    }
}
