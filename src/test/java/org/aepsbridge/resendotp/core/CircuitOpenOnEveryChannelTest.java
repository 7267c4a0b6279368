package org.aepsbridge.resendotp.core;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.OwnDropFolder;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/core.md "Circuit breaker": while it is open every request ends at once as {@code ERROR}
 * with cause {@code UPSTREAM_DOWN} without calling AOPay, and not only on REST: "CSV rows and
 * JMS results say so". One request, one outcome, whatever the channel: the CSV row and the
 * JMS result carry the same outcome and message as the REST answer. The circuit is opened
 * once and stays open for the whole class ({@code aopay.circuit.open-ms} of 10 minutes).
 */
@QuarkusTest
@TestProfile(CircuitOpenOnEveryChannelTest.Profile.class)
class CircuitOpenOnEveryChannelTest {

    static final int REQUEST_VOLUME = 4;
    static final ObjectMapper JSON = new ObjectMapper();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(OwnDropFolder.settings("CircuitOpenOnEveryChannelTest"));
            config.put("aopay.circuit.request-volume", String.valueOf(REQUEST_VOLUME));
            config.put("aopay.circuit.failure-percent", "50");
            config.put("aopay.circuit.open-ms", "600000");
            config.put("aopay.retry.max-redeliveries", "0");
            return config;
        }
    }

    @AopayStandIn.Inject
    WireMockServer aopay;

    @ConfigProperty(name = "aopay.file.inbox")
    Path inbox;

    @ConfigProperty(name = "aopay.file.outbox")
    Path outbox;

    /** Opens the circuit (once: it then stays open for the class) and returns REST's answer while it is open. */
    @BeforeEach
    void openTheCircuit() {
        if (!"OPEN".equals(CircuitStatesTest.circuitState())) {
            for (int i = 0; i < REQUEST_VOLUME; i++) {
                CircuitStatesTest.post("AOP-502", "open-" + i);
            }
        }
        assertEquals("OPEN", CircuitStatesTest.circuitState());
    }

    OwnDropFolder folder() {
        return new OwnDropFolder(inbox, outbox);
    }

    int callsFor(String primaryKeyId) {
        return aopay.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo("/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP"))
                                .withRequestBody(matchingJsonPath("$.PrimaryKeyId", WireMock.equalTo(primaryKeyId)))
                                .build())
                .getCount();
    }

    /** REST's answer while open, for comparison: the contract's 503 ERROR/UPSTREAM_DOWN. */
    static Response restWhileOpen(String primaryKeyId) {
        Response rest = CircuitStatesTest.post("AOP-554", primaryKeyId);
        assertEquals(503, rest.statusCode(), rest.asString());
        assertEquals("ERROR", rest.path("outcome"));
        assertEquals("UPSTREAM_DOWN", rest.path("cause"));
        return rest;
    }

    @Test
    void aCsvRowSaysUpstreamDownAndIsNotSent() throws Exception {
        String stem = "open-" + System.nanoTime();
        String rest = restWhileOpen(stem + "-rest").path("message");
        folder().drop(
                        stem,
                        OwnDropFolder.HEADER + "\n"
                                + OwnDropFolder.row(TestData.MOBILE, TestData.AADHAAR, stem, "AOP-554") + "\n");
        List<CSVRecord> rows = folder().awaitResult(stem, Duration.ofSeconds(60));
        assertEquals(1, rows.size());
        assertEquals("ERROR", rows.get(0).get("outcome"));
        assertEquals(rest, rows.get(0).get("message"), "the row says what REST says");
        assertEquals("", rows.get(0).get("responseCode"), "AOPay gave no answer");
        assertEquals(0, callsFor(stem));
    }

    @Test
    void aJmsResultGoesToTheErrorQueueAsUpstreamDownAndIsNotSent() throws Exception {
        String id = "open-jms-" + System.nanoTime();
        String rest = restWhileOpen(id + "-rest").path("message");
        try (JMSContext jms = new ActiveMQConnectionFactory(ArtemisTestBroker.coreUrl())
                .createContext(BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)) {
            String correlation = UUID.randomUUID().toString();
            TextMessage request =
                    jms.createTextMessage(TestData.request("AOP-554").replace("\"TEST\"", "\"" + id + "\""));
            request.setJMSCorrelationID(correlation);
            jms.createProducer().send(jms.createQueue("aopay.resendotp.requests"), request);
            Message result = jms.createConsumer(
                            jms.createQueue("aopay.resendotp.error"), "JMSCorrelationID = '" + correlation + "'")
                    .receive(30_000);
            assertNotNull(result, "no result on aopay.resendotp.error");
            JsonNode json = JSON.readTree(result.getBody(String.class));
            assertEquals("ERROR", json.get("outcome").asText());
            assertEquals("UPSTREAM_DOWN", json.get("cause").asText());
            assertEquals(rest, json.get("message").asText());
            assertEquals("ERROR", result.getStringProperty("outcome"));
        }
        assertEquals(0, callsFor(id));
    }
}
