package org.aepsbridge.resendotp.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.aepsbridge.resendotp.rules.Verhoeff;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.OwnFolders;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker around AOPay, driven by WireMock faults: opens, answers 503 at once,
 * half-opens, closes. With the resend limits on: a request answered 503 while the circuit
 * is open never left, so it does not count against the person's limit.
 */
@QuarkusTest
@TestProfile(CircuitBreakerTest.SmallCircuit.class)
class CircuitBreakerTest {

    /**
     * Open for 15 s: the readiness check and the two refused posts must all fall inside the
     * window, and with 2 s a loaded machine's pause let it close before they ran. Closing then
     * takes the test that long (the open time is the circuit breaker's own, with no clock to move).
     */
    static final Duration OPEN = Duration.ofSeconds(15);

    public static class SmallCircuit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return OwnFolders.with(
                    "small-circuit",
                    Map.of(
                            "aopay.circuit.request-volume", "4",
                            "aopay.circuit.failure-percent", "50",
                            "aopay.circuit.open-ms", String.valueOf(OPEN.toMillis()),
                            "aopay.retry.max-redeliveries", "0",
                            "aopay.limits.enabled", "true"));
        }
    }

    @AopayStandIn.Inject
    WireMockServer aopay;

    int callsFor(String registrationId) {
        return aopay.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo("/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP"))
                                .withRequestBody(matchingJsonPath("$.RegistrationID", WireMock.equalTo(registrationId)))
                                .build())
                .getCount();
    }

    static io.restassured.response.ValidatableResponse post(String registrationId) {
        return given().contentType(ContentType.JSON)
                .body(TestData.request(registrationId))
                .post("/api/v1/resend-otp")
                .then();
    }

    /** Failing calls for four different people (the limits would refuse a second resend to one within 45 s). */
    static io.restassured.response.ValidatableResponse postForPerson(int person) {
        String aadhaar = "2" + "%010d".formatted(person * 7919L);
        aadhaar += Verhoeff.checkDigit(aadhaar);
        return given().contentType(ContentType.JSON)
                .body(TestData.request("AOP-RESET").replace(TestData.AADHAAR_SPACED, aadhaar))
                .post("/api/v1/resend-otp")
                .then();
    }

    @Test
    void opensAfterSustainedFailuresAnswers503FastThenHalfOpensAndCloses() {
        aopay.resetRequests();
        for (int i = 0; i < 4; i++) {
            postForPerson(i).statusCode(502).body("cause", equalTo("CONNECTION"));
        }
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'aopay-circuit' }.data.state", equalTo("OPEN"));

        post("AOP-554").statusCode(503).body("outcome", equalTo("ERROR")).body("cause", equalTo("UPSTREAM_DOWN"));
        // not sent, so not counted: the same person again within 45 s is not THROTTLED
        post("AOP-554").statusCode(503).body("cause", equalTo("UPSTREAM_DOWN"));
        assertEquals(0, callsFor("AOP-554"), "while open, AOPay is not called");

        await().atMost(OPEN.plusSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> post("AOP-554").statusCode(200).body("outcome", equalTo("SUCCESS")));
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("aopay-circuit"))
                .body("checks.find { it.name == 'aopay-circuit' }.data.state", equalTo("CLOSED"));
    }
}
