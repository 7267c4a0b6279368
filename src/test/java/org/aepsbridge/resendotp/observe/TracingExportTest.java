package org.aepsbridge.resendotp.observe;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.OtlpReceiver;
import org.aepsbridge.resendotp.support.OwnFolders;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.camel.CamelContext;
import org.apache.camel.telemetry.Tracer;
import org.junit.jupiter.api.Test;

/**
 * Setting an OTLP endpoint is all it takes (docs/tracing.md): the SDK comes on (observe/TracingSwitch
 * leaves it on), and a REST request's spans reach a real OTLP receiver, naming the request, with no
 * full number in what was sent.
 */
@QuarkusTest
@TestProfile(TracingExportTest.WithEndpoint.class)
@QuarkusTestResource(AopayStandIn.class)
class TracingExportTest {

    /** Nothing but the receiver's endpoint (from OtlpReceiver) and folders of its own. */
    public static class WithEndpoint implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return OwnFolders.with("tracing-export", Map.of());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OtlpReceiver.class));
        }
    }

    @OtlpReceiver.Inject
    List<String> exports;

    @Inject
    CamelContext camel;

    @Test
    void withAnEndpointSetTheSpansOfARequestReachTheOtlpReceiver() throws Exception {
        assertTrue(camel.hasService(Tracer.class) != null, "Camel's tracer is installed");
        String body = given().contentType("application/json")
                .body(TestData.request("AOP-554"))
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String requestId = new ObjectMapper().readTree(body).get("requestId").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> exports.stream().anyMatch(e -> e.contains(requestId)));
        String export =
                exports.stream().filter(e -> e.contains(requestId)).findFirst().orElseThrow();
        assertTrue(
                export.startsWith("/v1/traces\n"),
                "OTLP/HTTP's traces path: " + export.lines().findFirst().orElse(""));
        for (String attribute :
                List.of("aopay.request_id", "aopay.channel", "aopay.outcome", "aopay.client", "resend")) {
            assertTrue(export.contains(attribute), attribute + " was exported");
        }
        for (String secret : TestData.SECRETS) {
            assertFalse(
                    exports.stream().anyMatch(e -> e.contains(secret)),
                    "an export holds a full number " + secret.substring(0, 2) + "…");
        }
    }
}
