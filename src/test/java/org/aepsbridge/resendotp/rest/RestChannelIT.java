package org.aepsbridge.resendotp.rest;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.BeforeEach;

/** The same REST promises, against the packaged application (target/quarkus-app). */
@QuarkusIntegrationTest
class RestChannelIT extends RestChannelTest {

    /**
     * One call through the freshly started jar first: its very first AOPay call loads the
     * HTTP client, which took over a second on a busy machine (when the test profile's response
     * timeout was 1 s, a retry then spoiled the call counts the tests assert).
     */
    private static boolean warm;

    /** Before the first test (RestAssured knows the jar's port only now), leaving the stand-in's journal as the test expects it. */
    @BeforeEach
    void warmUpOnce() {
        if (!warm) {
            given().contentType(ContentType.JSON)
                    .body(TestData.request("AOP-WARM-UP"))
                    .post(PATH);
            aopay.resetRequests();
            warm = true;
        }
    }
}
