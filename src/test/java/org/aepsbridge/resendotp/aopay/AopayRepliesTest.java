package org.aepsbridge.resendotp.aopay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.model.TechnicalCause;
import org.junit.jupiter.api.Test;

/** The outcome mapping (docs/rest.md's outcome table), one answer at a time, with both of AOPay's documented reply shapes. */
class AopayRepliesTest {

    private final AopayReplies replies = new AopayReplies(new ObjectMapper());

    private ResendResult classify(int status, String body) {
        return replies.classify(status, body).build();
    }

    @Test
    void documentedSuccessShapeIsSuccessWithNestedCodes() {
        ResendResult r = classify(200, """
                {"status":true,"msg":"OTP Resend Request Completed","data":{"message":"OTP Resend Request Completed",
                 "response_code":1,"error_code":0,"data":{"primaryKeyId":"TEST","encodeTxnId":"DEMO"}},"statusCode":200}""");
        assertEquals(Outcome.SUCCESS, r.outcome());
        assertEquals("OTP Resend Request Completed", r.message());
        assertEquals(1, r.responseCode());
        assertEquals(0, r.errorCode());
        assertEquals(200, r.httpStatus());
        assertTrue(r.status());
    }

    @Test
    void documented401ShapeIsUnauthorizedWithTopLevelCode() {
        ResendResult r = classify(401, """
                {"status":false,"response_code":5,"message":"Invalid signature encoding"}""");
        assertEquals(Outcome.UNAUTHORIZED, r.outcome());
        assertEquals(5, r.responseCode());
        assertTrue(r.message().contains("Invalid signature encoding"), r.message());
    }

    @Test
    void statusFalseIsABusinessRefusal() {
        ResendResult r = classify(200, """
                {"status":false,"message":"Registration not found","response_code":2}""");
        assertEquals(Outcome.FAILED, r.outcome());
        assertFalse(r.status());
        assertEquals(2, r.responseCode());
        assertTrue(r.message().contains("Registration not found"));
    }

    @Test
    void statusFalseWithA4xxOtherThan401IsStillARefusal() {
        assertEquals(
                Outcome.FAILED,
                classify(429, "{\"status\":false,\"message\":\"Too many requests\"}")
                        .outcome());
        assertEquals(
                Outcome.FAILED,
                classify(400, "{\"status\":\"false\",\"message\":\"bad\"}").outcome());
    }

    @Test
    void a401WithoutABodyIsStillUnauthorized() {
        assertEquals(Outcome.UNAUTHORIZED, classify(401, "").outcome());
    }

    @Test
    void serverErrorsAreErrorsEvenWithAStatusFalseBody() {
        ResendResult r = classify(500, "{\"status\":false,\"message\":\"Internal Server Error\"}");
        assertEquals(Outcome.ERROR, r.outcome());
        assertEquals(TechnicalCause.UPSTREAM_STATUS, r.cause());
        assertEquals(500, r.httpStatus());
    }

    @Test
    void unreadableRepliesAreErrors() {
        for (String body : new String[] {
            "", "<html>Welcome</html>", "{\"msg\":\"done\"}", "[true]", "{\"status\":\"maybe\"}", "{\"status\":tr"
        }) {
            ResendResult r = classify(200, body);
            assertEquals(Outcome.ERROR, r.outcome(), body);
            assertEquals(TechnicalCause.UNREADABLE_REPLY, r.cause(), body);
        }
    }

    @Test
    void aopayMessagesAreScrubbedOfIdentityNumbers() {
        ResendResult r =
                classify(200, "{\"status\":false,\"message\":\"Aadhaar 234123412346 not linked to 9876543210\"}");
        assertFalse(r.message().contains("234123412346"), r.message());
        assertFalse(r.message().contains("9876543210"), r.message());
        assertTrue(r.message().contains("2346"));
    }
}
