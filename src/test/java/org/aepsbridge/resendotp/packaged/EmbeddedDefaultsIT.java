package org.aepsbridge.resendotp.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The README's run command: the packaged application on its embedded defaults answers
 * end to end through the built-in AOPay sandbox, with no outside service.
 */
class EmbeddedDefaultsIT {

    @Test
    void readmeRequestGetsSuccessFromTheBuiltInSandbox() throws Exception {
        try (PackagedApp app = PackagedApp.start("embedded", "-Dquarkus.profile=embedded")) {
            assertTrue(app.waitUntilReady(Duration.ofSeconds(60)), app::output);
            HttpResponse<String> ok = app.post("/api/v1/resend-otp", TestData.request("AOP-554"));
            assertEquals(200, ok.statusCode(), ok.body());
            assertTrue(ok.body().contains("\"outcome\":\"SUCCESS\""), ok.body());
            assertTrue(ok.body().contains("\"responseCode\":1"), ok.body());

            HttpResponse<String> unknown = app.post("/api/v1/resend-otp", TestData.request("AOP-000"));
            assertEquals(422, unknown.statusCode(), unknown.body());
            assertTrue(unknown.body().contains("\"outcome\":\"FAILED\""), unknown.body());
        }
    }

    /** The development client's key, as the README's curl example carries it. */
    static final String README_KEY = "f6623f674e191a6cb53cc3c66a624e4057143f644c3fcec2496defa545510b6c";

    @Test
    void theReadmesKeyIsTheDevelopmentClientAndTheApiListensOnLoopbackOnly() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        assertTrue(readme.contains("-H 'X-API-Key: " + README_KEY + "'"), "the README's curl carries the development key");
        try (PackagedApp app = PackagedApp.start("embedded-dev-key", "-Dquarkus.profile=embedded",
                "-Daopay.security.open-behind-gateway=false")) { // no test client: the profile's own
            assertTrue(app.waitUntilReady(Duration.ofSeconds(60)), app::output);
            HttpResponse<String> ok = app.post("/api/v1/resend-otp", TestData.request("AOP-554"), README_KEY);
            assertEquals(200, ok.statusCode(), ok.body());
            assertTrue(ok.body().contains("\"client\":\"dev\""), ok.body());
            HttpResponse<String> keyless = app.post("/api/v1/resend-otp", TestData.request("AOP-554"), null);
            assertEquals(401, keyless.statusCode(), keyless.body());
            assertTrue(app.output().contains("Listening on: http://127.0.0.1:" + app.port), app.output());
            assertTrue(app.output().contains("Management interface listening on http://127.0.0.1:" + app.managementPort), app.output());
        }
    }

    @Test
    void embeddedBrokerListensOn61616ForJmsClients() throws Exception {
        try (PackagedApp app = PackagedApp.start("embedded-jms", "-Dquarkus.profile=embedded")) {
            assertTrue(app.waitUntilReady(Duration.ofSeconds(60)), app::output);
            try (JMSContext jms = new ActiveMQConnectionFactory("tcp://localhost:61616").createContext()) {
            TextMessage request = jms.createTextMessage(TestData.request("AOP-554"));
            request.setJMSCorrelationID("embedded-" + System.nanoTime());
            jms.createProducer().send(jms.createQueue("aopay.resendotp.requests"), request);
            Message result = jms.createConsumer(jms.createQueue("aopay.resendotp.success"),
                    "JMSCorrelationID = '" + request.getJMSCorrelationID() + "'").receive(20_000);
            assertTrue(result != null, "no result on aopay.resendotp.success:\n" + app.output());
            assertTrue(result.getBody(String.class).contains("\"outcome\":\"SUCCESS\""), result.getBody(String.class));
            }
        }
    }

    @Test
    void sandboxAnswersAWrongKeyWithAopays401() throws Exception {
        try (PackagedApp app = PackagedApp.start("embedded-wrong-key", "-Dquarkus.profile=embedded", "-Daopay.auth.api-key=wrong-key-7f3a")) {
            assertTrue(app.waitUntilReady(Duration.ofSeconds(60)), app::output);
            HttpResponse<String> r = app.post("/api/v1/resend-otp", TestData.request("AOP-554"));
            assertEquals(502, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"outcome\":\"UNAUTHORIZED\""), r.body());
            assertTrue(r.body().contains("Invalid signature encoding"), r.body());
            assertFalse(app.output().contains("wrong-key-7f3a"), "the key must not be logged");
        }
    }
}
