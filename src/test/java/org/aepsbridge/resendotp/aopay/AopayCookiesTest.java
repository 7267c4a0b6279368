package org.aepsbridge.resendotp.aopay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AOPay call keeps no cookies (camel.component.http(s).cookie-management-disabled): AOPay
 * authenticates each call by its headers, and one cookie store for every call would send a cookie
 * AOPay set on one client's request with every other client's requests.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
class AopayCookiesTest {

    static final String AOPAY_PATH = "/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP";
    static final String REGISTRATION = "AOP-COOKIE";

    @AopayStandIn.Inject
    WireMockServer aopay;

    StubMapping settingACookie;

    @BeforeEach
    void aopaySetsACookie() {
        aopay.resetRequests();
        settingACookie = aopay.stubFor(post(urlPathEqualTo(AOPAY_PATH))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.RegistrationID", WireMock.equalTo(REGISTRATION)))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Set-Cookie", "AOPAYSESSION=from-an-earlier-call; Path=/")
                        .withBody("{\"status\":true,\"msg\":\"OTP Resend Request Completed\","
                                + "\"data\":{\"response_code\":1,\"error_code\":0}}")));
    }

    @AfterEach
    void removeTheStub() {
        aopay.removeStub(settingACookie);
    }

    @Test
    void aCookieAopaySetIsNeverSentWithALaterCall() {
        for (int call = 1; call <= 3; call++) {
            given().contentType(ContentType.JSON)
                    .body(TestData.request(REGISTRATION))
                    .when()
                    .post("/api/v1/resend-otp")
                    .then()
                    .statusCode(200)
                    .body("outcome", equalTo("SUCCESS"));
        }
        aopay.verify(
                3,
                postRequestedFor(urlPathEqualTo(AOPAY_PATH))
                        .withRequestBody(matchingJsonPath("$.RegistrationID", WireMock.equalTo(REGISTRATION))));
        aopay.verify(
                3,
                postRequestedFor(urlPathEqualTo(AOPAY_PATH))
                        .withRequestBody(matchingJsonPath("$.RegistrationID", WireMock.equalTo(REGISTRATION)))
                        .withHeader("Cookie", absent()));
    }
}
