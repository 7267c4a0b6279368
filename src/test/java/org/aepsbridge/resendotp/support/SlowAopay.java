package org.aepsbridge.resendotp.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

/** A stand-in AOPay that answers SUCCESS, but only after a delay, for one RegistrationID of a test's own. */
public final class SlowAopay {

    private SlowAopay() {}

    public static void stub(WireMockServer aopay, String registrationId, int delayMs) {
        aopay.stubFor(
                post(urlPathEqualTo("/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP"))
                        .withRequestBody(matchingJsonPath("$.RegistrationID", WireMock.equalTo(registrationId)))
                        .atPriority(1)
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/json")
                                        .withFixedDelay(delayMs)
                                        .withBody(
                                                "{\"status\":true,\"msg\":\"OTP Resend Request Completed\",\"data\":{\"message\":"
                                                        + "\"OTP Resend Request Completed\",\"response_code\":1,\"error_code\":0},\"statusCode\":200}")));
    }
}
