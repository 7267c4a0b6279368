package org.aepsbridge.resendotp.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.TestClients;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.Test;

/**
 * The per-client quota over real HTTP: client {@code quota-test} may ask for 3 resends a
 * minute (application.properties, test profile). The 4th within the minute is THROTTLED
 * (429, Retry-After) while another client goes on. The per-identity limits are off in the
 * test profile, so only the quota can refuse here.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
class ClientQuotaTest {

    static io.restassured.response.ValidatableResponse post(String key) {
        return given().header(TestClients.HEADER, key)
                .contentType(ContentType.JSON)
                .body(TestData.request("AOP-554"))
                .post("/api/v1/resend-otp")
                .then();
    }

    @Test
    void theFourthResendOfAClientWithinAMinuteIsThrottled() {
        for (int i = 1; i <= 3; i++) {
            post(TestClients.QUOTA_KEY)
                    .statusCode(200)
                    .body("outcome", equalTo("SUCCESS"))
                    .body("client", equalTo("quota-test"));
        }
        post(TestClients.QUOTA_KEY)
                .statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]?"))
                .body("outcome", equalTo("THROTTLED"))
                .body("client", equalTo("quota-test"))
                .body(
                        "message",
                        org.hamcrest.Matchers.startsWith(
                                "At most 3 resends per minute for client quota-test; try again in "));
        post(TestClients.KEY).statusCode(200).body("client", equalTo("test"));
    }
}
