package org.aepsbridge.resendotp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.aepsbridge.resendotp.model.FieldError;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.model.ResendRequest;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.model.TechnicalCause;
import org.aepsbridge.resendotp.support.OwnFolders;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.quarkus.test.CamelQuarkusTestSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The core route (routes/resend.camel.yaml, {@code resend-core}) on its own: no HTTP
 * server, no channel. AdviceWith replaces the one step that talks to AOPay (id
 * {@code post-resend-otp-to-aopay} in route {@code aopay-call}) with a mock endpoint
 * whose answer each test scripts: an HTTP status and body, or an exception as the
 * HTTP component would throw it. The retries of routes/errors.camel.yaml still apply
 * to that step, so every call the route makes is counted at the mock.
 */
@QuarkusTest
@TestProfile(ResendCoreRouteTest.AdvisedCore.class)
class ResendCoreRouteTest extends CamelQuarkusTestSupport {

    /** Its own profile, so Quarkus boots a fresh application (and CamelContext) for the advised routes. */
    public static class AdvisedCore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Required by the application; never called, the HTTP step is advised away.
            return OwnFolders.with("advised-core", Map.of("aopay.base-url", "http://127.0.0.1:9"));
        }
    }

    static final String AOPAY_MOCK = "mock:aopay";
    static final String AOPAY_STEP = "post-resend-otp-to-aopay";
    static final String SUCCESS_REPLY = """
            {"status":true,"msg":"OTP Resend Request Completed","data":{"response_code":1,"error_code":0}}""";
    static final String REFUSED_REPLY = """
            {"status":false,"msg":"OTP Resend Request Failed","data":{"response_code":0,"error_code":17}}""";
    static final String UNAUTHORIZED_REPLY = """
            {"status":false,"message":"Invalid signature encoding","response_code":5}""";

    @ConfigProperty(name = "aopay.retry.max-redeliveries")
    int maxRedeliveries;

    final ObjectMapper json = new ObjectMapper();

    MockEndpoint aopay;

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @BeforeEach
    void replaceTheHttpCallWithAMock() throws Exception {
        // The application's CamelContext lives for the whole class: advise it once.
        RouteDefinition call = ((ModelCamelContext) context).getRouteDefinition("aopay-call");
        boolean advised = call.getOutputs().stream().noneMatch(step -> AOPAY_STEP.equals(step.getId()));
        if (!advised) {
            AdviceWith.adviceWith(
                    context,
                    "aopay-call",
                    route -> route.weaveById(AOPAY_STEP).replace().to(AOPAY_MOCK));
        }
        if (!context.isStarted()) {
            context.start();
        }
        aopay = getMockEndpoint(AOPAY_MOCK);
        aopay.reset();
    }

    // --- what AOPay receives -------------------------------------------------------

    @Test
    void aValidRequestReachesAopayInItsOwnFieldNamesWithDefaultsMobileAsNumberAndOnlyTheBundlesHeaders()
            throws Exception {
        answer(200, SUCCESS_REPLY);
        aopay.expectedMessageCount(1);

        Exchange done = template.request("direct:resend", exchange -> {
            exchange.getMessage().setBody(validRequest("AOP-554"));
            exchange.getMessage().setHeader("Authorization", "Bearer caller-token");
            exchange.getMessage().setHeader("Cookie", "session=caller");
            exchange.getMessage().setHeader("X-Caller-Header", "caller");
        });

        aopay.assertIsSatisfied();
        assertEquals(1, aopay.getReceivedCounter());
        assertEquals(
                Outcome.SUCCESS, done.getMessage().getBody(ResendResult.class).outcome());

        Exchange sent = aopay.getReceivedExchanges().get(0);
        JsonNode body = json.readTree(sent.getMessage().getBody(String.class));
        assertEquals(
                json.readTree("""
                {"Userkey":"AOP554N3X","Mobile":9876543210,"Pipe":"bank6","AccessModeType":"SITE",
                 "AdhaarNumber":"234123412346","PrimaryKeyId":"TEST","EncodeTxnId":"DEMO","RegistrationID":"AOP-554"}"""),
                body,
                "AOPay's field names, normalised numbers, configured defaults and nothing else");
        assertTrue(body.get("Mobile").isIntegralNumber(), "Mobile goes as a JSON number: " + body.get("Mobile"));
        assertEquals(9876543210L, body.get("Mobile").longValue());

        Map<String, Object> headers = sent.getMessage().getHeaders();
        assertEquals("test-api-key", headers.get("api-key"));
        assertTrue(String.valueOf(headers.get(Exchange.CONTENT_TYPE)).startsWith("application/json"));
        assertNull(headers.get("Authorization"), "the caller's Authorization must not reach AOPay");
        assertNull(headers.get("Cookie"), "the caller's Cookie must not reach AOPay");
        assertNull(headers.get("X-Caller-Header"), "no caller header may reach AOPay");
        assertEquals(
                new TreeSet<>(Set.of(Exchange.CONTENT_TYPE, "Accept", "api-key")),
                new TreeSet<>(headers.keySet()),
                "exactly the bundle's own headers");
    }

    @Test
    void aRequestThatBreaksARuleIsRejectedAndNeverSentToAopay() throws Exception {
        answer(200, SUCCESS_REPLY);
        aopay.expectedMessageCount(0);
        ResendRequest request = validRequest("AOP-554");
        request.setAdhaarNumber(TestData.AADHAAR_BAD_CHECK);
        request.setMobile(null);

        ResendResult result = resend(request);

        assertEquals(Outcome.REJECTED, result.outcome());
        assertEquals(
                List.of("Mobile", "AdhaarNumber"),
                result.fieldErrors().stream().map(FieldError::field).toList());
        assertEquals("AOP-554", result.registrationId());
        assertNull(result.cause());
        assertNull(result.httpStatus());
        aopay.assertIsSatisfied();
        assertEquals(0, aopay.getReceivedCounter());
    }

    // --- AOPay's answers ----------------------------------------------------------

    @Test
    void status200WithStatusTrueIsSuccess() throws Exception {
        answer(200, SUCCESS_REPLY);
        aopay.expectedMessageCount(1);

        ResendResult result = resend(validRequest("AOP-554"));

        assertEquals(Outcome.SUCCESS, result.outcome());
        assertEquals("OTP Resend Request Completed", result.message());
        assertEquals(200, result.httpStatus());
        assertEquals(Boolean.TRUE, result.status());
        assertEquals(1, result.responseCode());
        assertEquals(0, result.errorCode());
        assertNull(result.cause());
        assertNotNull(result.requestId());
        assertEquals("AOP-554", result.registrationId());
        assertEquals("TEST", result.primaryKeyId());
        assertEquals("DEMO", result.encodeTxnId());
        assertEquals("XXXXXX3210", result.maskedMobile());
        assertEquals("XXXX XXXX 2346", result.maskedAadhaar());
        aopay.assertIsSatisfied();
        assertEquals(1, aopay.getReceivedCounter());
    }

    @Test
    void status200WithStatusFalseIsFailedAndNotRetried() throws Exception {
        answer(200, REFUSED_REPLY);
        aopay.expectedMessageCount(1);

        ResendResult result = resend(validRequest("AOP-REFUSED"));

        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals(Boolean.FALSE, result.status());
        assertEquals(200, result.httpStatus());
        assertEquals(17, result.errorCode());
        assertTrue(result.message().contains("OTP Resend Request Failed"), result.message());
        assertNull(result.cause());
        aopay.assertIsSatisfied();
        assertEquals(1, aopay.getReceivedCounter());
    }

    @Test
    void status401IsUnauthorizedAndSentExactlyOnce() throws Exception {
        answer(401, UNAUTHORIZED_REPLY);
        aopay.expectedMessageCount(1);

        ResendResult result = resend(validRequest("AOP-401"));

        assertEquals(Outcome.UNAUTHORIZED, result.outcome());
        assertEquals(401, result.httpStatus());
        assertEquals(5, result.responseCode());
        assertTrue(result.message().contains("Invalid signature encoding"), result.message());
        assertNull(result.cause());
        aopay.assertIsSatisfied();
        assertEquals(1, aopay.getReceivedCounter());
    }

    // --- failures on the way to AOPay -------------------------------------------------

    @Test
    void aConnectionThatKeepsFailingIsErrorConnectionAfterTheConfiguredRetries() throws Exception {
        assertTrue(
                maxRedeliveries > 0, "aopay.retry.max-redeliveries must allow a retry for this test to mean anything");
        int attempts = 1 + maxRedeliveries;
        aopay.whenAnyExchangeReceived(exchange -> {
            throw new ConnectException("Connection refused");
        });
        aopay.expectedMessageCount(attempts);

        ResendResult result = resend(validRequest("AOP-DOWN"));

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals(TechnicalCause.CONNECTION, result.cause());
        assertTrue(result.message().contains("(" + attempts + " attempts)"), result.message());
        assertEquals("AOP-DOWN", result.registrationId());
        assertNull(result.httpStatus());
        aopay.assertIsSatisfied();
        assertEquals(attempts, aopay.getReceivedCounter());
    }

    @Test
    void aTimeoutIsErrorTimeoutAfterTheConfiguredRetries() throws Exception {
        int attempts = 1 + maxRedeliveries;
        aopay.whenAnyExchangeReceived(exchange -> {
            throw new SocketTimeoutException("Read timed out");
        });
        aopay.expectedMessageCount(attempts);

        ResendResult result = resend(validRequest("AOP-SLOW"));

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals(TechnicalCause.TIMEOUT, result.cause());
        assertTrue(result.message().contains("(" + attempts + " attempts)"), result.message());
        aopay.assertIsSatisfied();
        assertEquals(attempts, aopay.getReceivedCounter());
    }

    @Test
    void aPersistent503IsErrorUpstreamStatusAfterTheConfiguredRetries() throws Exception {
        int attempts = 1 + maxRedeliveries;
        aopay.whenAnyExchangeReceived(exchange -> {
            throw new HttpOperationFailedException(
                    "http://127.0.0.1:9/api", 503, "Service Unavailable", null, Map.of(), "");
        });
        aopay.expectedMessageCount(attempts);

        ResendResult result = resend(validRequest("AOP-503"));

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals(TechnicalCause.UPSTREAM_STATUS, result.cause());
        assertEquals(503, result.httpStatus());
        assertTrue(result.message().contains("(" + attempts + " attempts)"), result.message());
        aopay.assertIsSatisfied();
        assertEquals(attempts, aopay.getReceivedCounter());
    }

    @Test
    void aTransientFailureThatClearsOnTheSecondAttemptIsSuccess() throws Exception {
        aopay.whenExchangeReceived(1, exchange -> {
            throw new ConnectException("Connection reset");
        });
        aopay.whenExchangeReceived(2, exchange -> reply(exchange, 200, SUCCESS_REPLY));
        aopay.expectedMessageCount(2);

        ResendResult result = resend(validRequest("AOP-FLAKY"));

        assertEquals(Outcome.SUCCESS, result.outcome());
        assertEquals(200, result.httpStatus());
        assertNull(result.cause());
        aopay.assertIsSatisfied();
        assertEquals(2, aopay.getReceivedCounter());
        assertEquals(
                aopay.getReceivedExchanges().get(0).getMessage().getBody(String.class),
                aopay.getReceivedExchanges().get(1).getMessage().getBody(String.class),
                "the retry sends the same request again");
    }

    @Test
    void anUnexpectedFaultIsErrorInternalAndNotRetried() throws Exception {
        aopay.whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("bug in the bundle");
        });
        aopay.expectedMessageCount(1);

        ResendResult result = resend(validRequest("AOP-BUG"));

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals(TechnicalCause.INTERNAL, result.cause());
        assertEquals("AOP-BUG", result.registrationId());
        assertTrue(
                result.message().contains(result.requestId()),
                "the operator can find the request id: " + result.message());
        assertFalse(
                result.message().contains("bug in the bundle"),
                "internal details stay in the log: " + result.message());
        aopay.assertIsSatisfied();
        assertEquals(1, aopay.getReceivedCounter());
    }

    // --- helpers ------------------------------------------------------------------

    ResendResult resend(ResendRequest request) {
        Exchange done = template.request(
                "direct:resend", exchange -> exchange.getMessage().setBody(request));
        assertNull(done.getException(), "the core turns every failure into a result");
        ResendResult result = done.getMessage().getBody(ResendResult.class);
        assertNotNull(result, "direct:resend returns a ResendResult");
        return result;
    }

    void answer(int status, String body) {
        aopay.whenAnyExchangeReceived(exchange -> reply(exchange, status, body));
    }

    static void reply(Exchange exchange, int status, String body) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body);
    }

    static ResendRequest validRequest(String registrationId) {
        ResendRequest request = new ResendRequest();
        request.setUserkey("AOP554N3X");
        request.setMobile(TestData.MOBILE);
        request.setAdhaarNumber(TestData.AADHAAR_SPACED);
        request.setPrimaryKeyId("TEST");
        request.setEncodeTxnId("DEMO");
        request.setRegistrationId(registrationId);
        return request;
    }
}
