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
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.LogScan;
import org.aepsbridge.resendotp.support.StompClient;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of JMS client a legacy system really uses, against the real test broker: STOMP
 * over a plain socket (1.0 and 1.2, with and without content-length, so bytes and text
 * messages), AMQP 1.0 (Qpid JMS) and CORE (Artemis JMS) with message ids disabled, with and
 * without correlation-id and reply-to. Each request gets exactly one result, nothing of it
 * lands on the DLQ, and AOPay (WireMock) sees it exactly once, counted by the request's own
 * PrimaryKeyId. A dead-lettered request with reply-to gets an ERROR result there, never its
 * own request. And samples/stomp_request.py, run as the README and docs/jms.md say, gets its result.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
@QuarkusTestResource(ArtemisTestBroker.class)
class JmsClientsTest {

    static final String REQUESTS = JmsChannelTest.REQUESTS;
    static final String SUCCESS = "aopay.resendotp.success";
    static final String DLQ = "aopay.resendotp.dlq";
    static final long WAIT_MS = JmsChannelTest.WAIT_MS;
    static final ObjectMapper JSON = JmsChannelTest.JSON;

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

    /** A request that AOPay answers SUCCESS, told apart from every other by its PrimaryKeyId. */
    static String request(String primaryKeyId) {
        return TestData.request("AOP-554")
                .replace("\"PrimaryKeyId\":\"TEST\"", "\"PrimaryKeyId\":\"" + primaryKeyId + "\"");
    }

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    int aopayCallsFor(String primaryKeyId) {
        return aopay.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo("/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP"))
                                .withRequestBody(matchingJsonPath("$.PrimaryKeyId", WireMock.equalTo(primaryKeyId)))
                                .build())
                .getCount();
    }

    static ConnectionFactory core() {
        return new ActiveMQConnectionFactory(
                ArtemisTestBroker.coreUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD);
    }

    static ConnectionFactory amqp() {
        return new JmsConnectionFactory(BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD, ArtemisTestBroker.amqpUrl());
    }

    /** Messages waiting on a queue with this JMSCorrelationID, looked at without taking them. */
    static int waiting(String queue, String correlation) throws Exception {
        try (JMSContext jms = core().createContext()) {
            return Collections.list(
                            jms.createBrowser(jms.createQueue(queue), "JMSCorrelationID = '" + correlation + "'")
                                    .getEnumeration())
                    .size();
        }
    }

    /** The result of the request with this PrimaryKeyId: SUCCESS, about that request, masked. */
    static void assertSuccessFor(String primaryKeyId, String json) throws Exception {
        JsonNode result = JSON.readTree(json);
        assertEquals("SUCCESS", result.path("outcome").asText(), json);
        assertEquals(primaryKeyId, result.path("PrimaryKeyId").asText(), json);
        assertEquals("XXXX XXXX 2346", result.path("maskedAadhaar").asText(), json);
        assertEquals(
                BrokerUsers.CLIENT,
                result.path("client").asText(),
                "the client is the user the broker authenticated: " + json);
        assertFalse(json.contains(TestData.AADHAAR), "the result carries no full Aadhaar number");
    }

    void assertProcessedOnce(String primaryKeyId, String correlation) throws Exception {
        assertEquals(1, aopayCallsFor(primaryKeyId), "AOPay gets the request exactly once");
        assertEquals(0, waiting(SUCCESS, correlation), "no second result");
        assertEquals(0, waiting(DLQ, correlation), "nothing on the DLQ");
    }

    @ParameterizedTest(name = "STOMP {0}, content-length {1}")
    @CsvSource({"1.0, false", "1.0, true", "1.2, false", "1.2, true"})
    void aStompClientGetsOneResultPerRequest(String version, boolean contentLength) throws Exception {
        // Without content-length the broker makes a JMS text message, with it a bytes message.
        String primaryKeyId = fresh("stomp");
        String correlation = fresh("stomp-corr");
        try (StompClient stomp = StompClient.connect(
                "127.0.0.1", ArtemisTestBroker.port, version, BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)) {
            Map<String, String> subscribe = new LinkedHashMap<>();
            subscribe.put("id", "results");
            subscribe.put("destination", SUCCESS);
            subscribe.put("subscription-type", "ANYCAST");
            subscribe.put("selector", "JMSCorrelationID = '" + correlation + "'");
            // acknowledged by the client, so the result is consumed for sure when the test counts what is left
            subscribe.put("ack", "1.0".equals(version) ? "client" : "client-individual");
            stomp.send("SUBSCRIBE", subscribe, null, false);
            Map<String, String> send = new LinkedHashMap<>();
            send.put("destination", REQUESTS);
            send.put("destination-type", "ANYCAST");
            send.put("correlation-id", correlation);
            send.put("persistent", "true");
            send.put("content-type", "application/json");
            stomp.send("SEND", send, request(primaryKeyId).getBytes(StandardCharsets.UTF_8), contentLength);
            StompClient.Frame result = stomp.read();
            assertEquals("MESSAGE", result.command(), result.headers() + " " + result.text());
            assertEquals(correlation, result.headers().get("correlation-id"));
            assertEquals("SUCCESS", result.headers().get("outcome"));
            assertSuccessFor(primaryKeyId, result.text());
            stomp.acknowledge(result);
        }
        assertProcessedOnce(primaryKeyId, correlation);
    }

    @ParameterizedTest(name = "{0} without message id, correlation-id {1}, reply-to {2}")
    @CsvSource({
        "AMQP, true, false",
        "AMQP, true, true",
        "AMQP, false, true",
        "CORE, true, false",
        "CORE, true, true",
        "CORE, false, true"
    })
    void aClientThatSendsNoMessageIdGetsOneResultPerRequest(
            String protocol, boolean withCorrelation, boolean withReplyTo) throws Exception {
        String primaryKeyId = fresh(protocol.toLowerCase());
        String correlation = withCorrelation ? fresh(protocol.toLowerCase() + "-corr") : null;
        try (JMSContext jms = ("AMQP".equals(protocol) ? amqp() : core()).createContext()) {
            TemporaryQueue replies = withReplyTo ? jms.createTemporaryQueue() : null;
            TextMessage request = jms.createTextMessage(request(primaryKeyId));
            request.setJMSCorrelationID(correlation);
            request.setJMSReplyTo(replies);
            jms.createProducer().setDisableMessageID(true).send(jms.createQueue(REQUESTS), request);
            assertNull(request.getJMSMessageID(), "the client sent no message id");

            Message result = withReplyTo
                    ? jms.createConsumer(replies).receive(WAIT_MS)
                    : jms.createConsumer(jms.createQueue(SUCCESS), "JMSCorrelationID = '" + correlation + "'")
                            .receive(WAIT_MS);
            assertNotNull(result, "no result arrived");
            assertSuccessFor(primaryKeyId, result.getBody(String.class));
            assertEquals("SUCCESS", result.getStringProperty("outcome"));
            // the request's correlation id; with neither a correlation id nor a message id there is nothing to echo
            assertEquals(correlation, result.getJMSCorrelationID());
            if (withReplyTo) {
                assertNull(jms.createConsumer(replies).receiveNoWait(), "one reply, not two");
            }
        }
        assertEquals(1, aopayCallsFor(primaryKeyId), "AOPay gets the request exactly once");
        if (correlation != null) {
            assertEquals(
                    0,
                    waiting(SUCCESS, correlation),
                    "a reply-to result is not also routed, and there is no second one");
            assertEquals(0, waiting(DLQ, correlation), "nothing on the DLQ");
        }
    }

    @Test
    void anAmqpRequestWithReplyToAndNoCorrelationIdIsCorrelatedByItsOwnMessageId() throws Exception {
        String primaryKeyId = fresh("amqp-id");
        try (JMSContext jms = amqp().createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            TextMessage request = jms.createTextMessage(request(primaryKeyId));
            request.setJMSReplyTo(replies);
            jms.createProducer().send(jms.createQueue(REQUESTS), request);
            assertNotNull(request.getJMSMessageID(), "Qpid JMS gave the request a message-id");
            Message reply = jms.createConsumer(replies).receive(WAIT_MS);
            assertNotNull(reply, "no reply arrived");
            assertSuccessFor(primaryKeyId, reply.getBody(String.class));
            assertEquals(
                    request.getJMSMessageID(),
                    reply.getJMSCorrelationID(),
                    "the reply names the request's own message-id");
        }
        assertEquals(1, aopayCallsFor(primaryKeyId), "AOPay gets the request exactly once");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AMQP", "CORE"})
    void aDeadLetterWithReplyToGetsAnErrorResultThereNeverItsRequest(String protocol) throws Exception {
        String correlation = fresh("dead-" + protocol.toLowerCase());
        String poison = "{\"Userkey\": \"AOP554N3X\", \"AdhaarNumber\": " + TestData.AADHAAR + "X}";
        try (JMSContext jms = ("AMQP".equals(protocol) ? amqp() : core()).createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            TextMessage request = jms.createTextMessage(poison);
            request.setJMSCorrelationID(correlation);
            request.setJMSReplyTo(replies);
            jms.createProducer().setDisableMessageID(true).send(jms.createQueue(REQUESTS), request);

            Message reply = jms.createConsumer(replies).receive(WAIT_MS);
            assertNotNull(reply, "the requester gets a reply");
            String text = reply.getBody(String.class);
            JsonNode result = JSON.readTree(text);
            assertEquals("ERROR", result.path("outcome").asText(), text);
            assertEquals("DEAD_LETTER", result.path("cause").asText(), text);
            assertEquals(BrokerUsers.CLIENT, result.path("client").asText(), "the result names who asked: " + text);
            assertTrue(
                    result.path("message")
                            .asText()
                            .startsWith("The message could not be processed: the message is not JSON: "),
                    text);
            assertTrue(
                    result.path("message")
                            .asText()
                            .endsWith(
                                    ". It was put on the dead-letter queue aopay.resendotp.dlq; it was not sent to AOPay"),
                    text);
            assertEquals("ERROR", reply.getStringProperty("outcome"));
            assertEquals(correlation, reply.getJMSCorrelationID());
            assertFalse(text.contains("AOP554N3X"), "the reply is not the request: " + text);
            assertFalse(text.contains(TestData.AADHAAR), text);
            assertNull(jms.createConsumer(replies).receiveNoWait(), "one reply, not two");

            Message dead = jms.createConsumer(jms.createQueue(DLQ), "JMSCorrelationID = '" + correlation + "'")
                    .receive(WAIT_MS);
            assertNotNull(dead, "the dead letter itself is on the DLQ");
            assertTrue(
                    dead.getStringProperty(DeadLetterReason.REASON).startsWith("the message is not JSON: "),
                    dead.getStringProperty(DeadLetterReason.REASON));
            assertTrue(
                    dead.getBody(String.class)
                            .startsWith("{\"Userkey\": \"AOP554N3X\", \"AdhaarNumber\": XXXXXXXX2346X"),
                    "the DLQ keeps the request, masked");
        }
        assertEquals(0, aopay.getAllServeEvents().size(), "a dead letter never reaches AOPay");
    }

    @Test
    void theStompSampleGetsItsResultAsTheReadmeSays() throws Exception {
        ProcessBuilder sample = new ProcessBuilder(
                        "python3", Path.of("samples", "stomp_request.py").toString())
                .redirectErrorStream(true);
        sample.environment()
                .putAll(Map.of(
                        "AOPAY_STOMP_HOST",
                        "127.0.0.1",
                        "AOPAY_STOMP_PORT",
                        String.valueOf(ArtemisTestBroker.port),
                        "AOPAY_STOMP_USER",
                        BrokerUsers.CLIENT,
                        "AOPAY_STOMP_PASSWORD",
                        BrokerUsers.CLIENT_PASSWORD));
        Process run = sample.start();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the sample must end by itself");
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertEquals("MESSAGE", lines.get(0), output);
        assertTrue(lines.contains("outcome:SUCCESS"), output);
        assertSuccessFor("TEST", lines.get(lines.size() - 1));
        assertEquals(1, aopayCallsFor("TEST"), "the sample's one request reached AOPay once");
    }
}
