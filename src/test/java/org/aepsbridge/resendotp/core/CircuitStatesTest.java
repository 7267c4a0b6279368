package org.aepsbridge.resendotp.core;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.OwnDropFolder;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/core.md "Circuit breaker": it opens when {@code aopay.circuit.failure-percent} of the last
 * {@code aopay.circuit.request-volume} calls failed through a connection problem, a timeout or
 * a 502/503/504; readiness shows CLOSED, OPEN and HALF_OPEN. With a success threshold of 2 the
 * circuit stays HALF_OPEN after one good trial call, so that state can be seen without racing
 * a call in flight. Each fault kind opens a closed circuit on its own: a window's worth of
 * calls of that kind, no other.
 */
@QuarkusTest
@TestProfile(CircuitStatesTest.Profile.class)
class CircuitStatesTest {

    static final int REQUEST_VOLUME = 4;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(OwnDropFolder.settings("CircuitStatesTest"));
            config.put("aopay.circuit.request-volume", String.valueOf(REQUEST_VOLUME));
            config.put("aopay.circuit.failure-percent", "50");
            config.put("aopay.circuit.open-ms", "1000");
            config.put("aopay.circuit.success-threshold", "2");
            config.put("aopay.retry.max-redeliveries", "0");
            // below the stand-in's 3 s AOP-TIMEOUT delay, far above anything else it answers
            config.put("aopay.http.response-timeout-ms", "2000");
            return config;
        }
    }

    @AopayStandIn.Inject
    WireMockServer aopay;

    static Response post(String registrationId, String primaryKeyId) {
        return given().contentType(ContentType.JSON)
                .body(TestData.request(registrationId).replace("\"TEST\"", "\"" + primaryKeyId + "\""))
                .post("/api/v1/resend-otp");
    }

    static String circuitState() {
        return Management.given()
                .get("/q/health/ready")
                .then()
                .extract()
                .path("checks.find { it.name == 'aopay-circuit' }.data.state");
    }

    int callsFor(String primaryKeyId) {
        return aopay.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo("/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP"))
                                .withRequestBody(matchingJsonPath("$.PrimaryKeyId", WireMock.equalTo(primaryKeyId)))
                                .build())
                .getCount();
    }

    /** Leaves the circuit CLOSED with an empty window: an open one is waited out and closed by two good trial calls. */
    void closeTheCircuit(String primaryKeyId) {
        if ("CLOSED".equals(circuitState())) {
            return;
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    post("AOP-554", primaryKeyId);
                    return "CLOSED".equals(circuitState());
                });
    }

    @ParameterizedTest(name = "{0} answered {1}")
    @CsvSource({
        "AOP-TIMEOUT, 504, TIMEOUT",
        "AOP-502,     502, UPSTREAM_STATUS",
        "AOP-503,     502, UPSTREAM_STATUS",
        "AOP-504,     502, UPSTREAM_STATUS"
    })
    void eachTransientFaultKindOpensTheCircuit(String fault, int status, String cause) {
        String id = "cs-" + fault + "-" + System.nanoTime();
        closeTheCircuit(id + "-closing");
        assertEquals("CLOSED", circuitState());
        int faults = 0;
        for (int i = 0; i < REQUEST_VOLUME; i++) {
            Response answer = post(fault, id);
            assertEquals("ERROR", answer.path("outcome"));
            if (answer.statusCode() == 503) {
                // open already: the window held earlier calls, and this kind's failures tipped it
                assertEquals("UPSTREAM_DOWN", answer.path("cause"), answer.asString());
            } else {
                assertEquals(status, answer.statusCode(), answer.asString());
                assertEquals(cause, answer.path("cause"), answer.asString());
                faults++;
            }
        }
        assertEquals(faults, callsFor(id), "one call per failed request: no retries configured, none while open");
        assertEquals("OPEN", circuitState(), REQUEST_VOLUME + " calls failing with " + fault + " open the circuit");
    }

    @Test
    void aFaultThatIsAnAnswerNeverOpensIt() {
        String id = "cs-500-" + System.nanoTime();
        closeTheCircuit(id + "-closing");
        for (int i = 0; i < 2 * REQUEST_VOLUME; i++) {
            assertEquals(502, post("AOP-500", id).statusCode());
            assertEquals(422, post("AOP-REFUSED", id).statusCode());
        }
        assertEquals(4 * REQUEST_VOLUME, callsFor(id));
        assertEquals("CLOSED", circuitState(), "a 500 and a refusal are answers, not an AOPay outage");
    }

    @Test
    void readinessShowsOpenThenHalfOpenAfterOneGoodTrialThenClosed() {
        String id = "cs-half-" + System.nanoTime();
        closeTheCircuit(id + "-closing");
        for (int i = 0; i < REQUEST_VOLUME; i++) {
            post("AOP-502", id);
        }
        Management.given().get("/q/health/ready").then().statusCode(200);
        assertEquals("OPEN", circuitState());

        String trial = id + "-trial";
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Response answer = post("AOP-554", trial);
                    if (answer.statusCode() == 503) {
                        assertEquals("UPSTREAM_DOWN", answer.path("cause"));
                        return false;
                    }
                    assertEquals(200, answer.statusCode(), answer.asString());
                    return true;
                });
        assertEquals(1, callsFor(trial), "while OPEN nothing reached AOPay; then one trial call");
        Management.given().get("/q/health/ready").then().statusCode(200);
        assertEquals("HALF_OPEN", circuitState());

        assertEquals(200, post("AOP-554", trial).statusCode());
        assertEquals("CLOSED", circuitState());
    }
}
