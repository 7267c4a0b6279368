package org.aepsbridge.resendotp.limits;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.OwnFolders;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The THROTTLED outcome on every channel, with the contract's default limits switched on. */
@QuarkusTest
@TestProfile(ResendLimitsChannelsTest.LimitsOn.class)
class ResendLimitsChannelsTest {

    public static class LimitsOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return OwnFolders.with("limits-on", Map.of("aopay.limits.enabled", "true"));
        }
    }

    @ConfigProperty(name = "aopay.file.inbox")
    Path inbox;

    @ConfigProperty(name = "aopay.file.outbox")
    Path outbox;

    @Test
    void restAnswers429WithRetryAfterForASecondResendWithin45Seconds() {
        String body = TestData.request("AOP-554");
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(429)
                .header(
                        "Retry-After",
                        Integer::parseInt,
                        org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.greaterThan(0), org.hamcrest.Matchers.lessThanOrEqualTo(45)))
                .body("outcome", equalTo("THROTTLED"))
                .body("retryAfterSeconds", org.hamcrest.Matchers.lessThanOrEqualTo(45))
                .body("message", containsString("45 seconds"));
    }

    @Test
    void jmsRoutesThrottledResultsToTheRejectedQueueWithRetryAfter() throws Exception {
        try (JMSContext jms = new ActiveMQConnectionFactory(
                        ArtemisTestBroker.coreUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)
                .createContext()) {
            String body = TestData.request("AOP-REFUSED");
            for (String id : List.of("limit-1", "limit-2")) {
                TextMessage m = jms.createTextMessage(body);
                m.setJMSCorrelationID(id);
                jms.createProducer().send(jms.createQueue("aopay.resendotp.requests"), m);
            }
            // Consumers run in parallel: either message may be the one that reaches AOPay first.
            String either = "JMSCorrelationID IN ('limit-1', 'limit-2')";
            Message first = jms.createConsumer(jms.createQueue("aopay.resendotp.failed"), either)
                    .receive(15_000);
            Message second = jms.createConsumer(jms.createQueue("aopay.resendotp.rejected"), either)
                    .receive(15_000);
            assertNotNull(first, "one resend reaches AOPay (which refuses AOP-REFUSED)");
            assertNotNull(second, "the other resend for the same identity must be THROTTLED");
            JsonNode json = new ObjectMapper().readTree(second.getBody(String.class));
            assertEquals("THROTTLED", json.get("outcome").asText());
            assertEquals("THROTTLED", second.getStringProperty("outcome"));
            assertTrue(second.getLongProperty("retryAfterSeconds") > 0);
        }
    }

    @Test
    void csvWritesAThrottledRowForTheSecondRowOfTheSameIdentity() throws Exception {
        String stem = "limits-" + System.nanoTime();
        String row = "AOP554N3X,9876543210," + TestData.AADHAAR_2 + ",P,E,AOP-LIMIT-" + stem;
        Files.createDirectories(inbox);
        Path staging = inbox.resolveSibling(stem + ".staging");
        Files.writeString(
                staging,
                "Userkey,Mobile,AdhaarNumber,PrimaryKeyId,EncodeTxnId,RegistrationID\n" + row + "\n" + row + "\n",
                StandardCharsets.UTF_8);
        Files.move(staging, inbox.resolve(stem + ".csv"));
        Path result = outbox.resolve(stem + ".result.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
        String text = Files.readString(result);
        assertTrue(text.contains(",THROTTLED,"), text);
    }
}
