package org.aepsbridge.resendotp.faults;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import org.aepsbridge.resendotp.model.TechnicalCause;
import org.aepsbridge.resendotp.support.AopayJournal;
import org.aepsbridge.resendotp.support.ShortAopayTimeout;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.Test;

/**
 * The rows of the fault matrix whose subject is the response timeout (AOPay silent for 3 s, a
 * body that stalls 2 s between chunks), through every channel, under a 1 s response timeout of
 * their own ({@link ShortAopayTimeout}); the other rows run in {@link UpstreamFaultMatrixTest}
 * under the test profile's long one.
 */
@QuarkusTest
@TestProfile(ShortAopayTimeout.class)
class UpstreamTimeoutMatrixTest extends UpstreamFaultMatrixTest {

    @Override
    List<UpstreamFault> rows() {
        return UpstreamFault.MATRIX.stream()
                .filter(f -> f.cause() == TechnicalCause.TIMEOUT)
                .toList();
    }

    @Test
    void restTimeoutIs504AfterTheConfiguredRetries() {
        String primaryKeyId = "rest-timeout-" + System.nanoTime();
        given().contentType(ContentType.JSON)
                .body(TestData.request("AOP-TIMEOUT").replace("\"TEST\"", "\"" + primaryKeyId + "\""))
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(504)
                .body("outcome", equalTo("ERROR"))
                .body("cause", equalTo("TIMEOUT"));
        // 1 + aopay.retry.max-redeliveries (2 by default, the test profile keeps it)
        assertEquals(
                3,
                aopay.findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo(AopayJournal.RESEND_PATH))
                                .withRequestBody(
                                        WireMock.matchingJsonPath("$.PrimaryKeyId", WireMock.equalTo(primaryKeyId))))
                        .size());
    }
}
