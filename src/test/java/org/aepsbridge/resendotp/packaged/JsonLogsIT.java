package org.aepsbridge.resendotp.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.Test;

/**
 * JSON logs are one setting away: the packaged application started with
 * {@code quarkus.log.console.json.enabled=true} (QUARKUS_LOG_CONSOLE_JSON_ENABLED) writes
 * every console line as a JSON object a log collector can read, still with no full
 * identity number in it.
 */
class JsonLogsIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void consoleLinesAreJsonObjectsWithLevelAndMessageAndNoIdentityNumbers() throws Exception {
        int broker = PackagedApp.freePort();
        try (PackagedApp app = PackagedApp.start(
                "json-logs",
                "-Dquarkus.profile=embedded",
                "-Dquarkus.log.console.json.enabled=true",
                "-Daopay.jms.embedded-broker.port=" + broker,
                "-Daopay.jms.broker-url=tcp://localhost:" + broker)) {
            assertTrue(app.waitUntilReady(Duration.ofSeconds(60)), app::output);
            HttpResponse<String> ok = app.post("/api/v1/resend-otp", TestData.request("AOP-554"));
            assertEquals(200, ok.statusCode(), ok.body());
            HttpResponse<String> rejected = app.post(
                    "/api/v1/resend-otp",
                    TestData.request("AOP-554").replace(TestData.AADHAAR_SPACED, TestData.AADHAAR_BAD_CHECK));
            assertEquals(400, rejected.statusCode(), rejected.body());

            List<JsonNode> records = app.output()
                    .lines()
                    .filter(l -> !l.isBlank())
                    .map(JsonLogsIT::record)
                    .toList();
            assertTrue(records.size() > 5, "too few log lines to prove anything:\n" + app.output());
            for (JsonNode record : records) {
                assertTrue(
                        record.path("level").isTextual()
                                && record.path("message").isTextual(),
                        "no level/message: " + record);
            }
            assertTrue(
                    records.stream()
                            .anyMatch(r -> "org.aepsbridge.resendotp.resend"
                                            .equals(r.path("loggerName").asText())
                                    && r.path("message").asText().contains("outcome=SUCCESS")
                                    && r.path("message").asText().contains("aadhaar=XXXX XXXX 2346")),
                    "no masked outcome line:\n" + app.output());
            assertTrue(
                    records.stream().anyMatch(r -> r.path("message").asText().contains("outcome=REJECTED")),
                    app::output);
            for (String secret : TestData.SECRETS) {
                assertFalse(
                        app.output().contains(secret),
                        "full identity number " + secret.substring(0, 2) + "… in the console output");
            }
        }
    }

    private static JsonNode record(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            assertTrue(node.isObject(), "not a JSON object: " + line);
            return node;
        } catch (IOException e) {
            throw new AssertionError("a console line that is not JSON: " + line, e);
        }
    }
}
