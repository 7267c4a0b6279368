package org.aepsbridge.resendotp.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.LogScan;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.OutputHygiene;
import org.aepsbridge.resendotp.support.PrometheusText;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST channel against a real HTTP stand-in for AOPay (WireMock): one test per
 * promise docs/rest.md makes. {@code RestChannelIT} runs the same tests
 * against the packaged application.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
class RestChannelTest {

    static final String PATH = "/api/v1/resend-otp";
    static final String AOPAY_PATH = "/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP";

    @AopayStandIn.Inject
    WireMockServer aopay;

    @BeforeEach
    void freshStandIn() {
        aopay.resetRequests();
        aopay.resetScenarios();
    }

    @AfterAll
    static void noFullIdentityNumberReachedTheLog() throws Exception {
        LogScan.assertNoSecretsInApplicationLog();
    }

    static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post(PATH)
                .then();
    }

    static RequestPatternBuilder aopayCallsFor(String registrationId) {
        return postRequestedFor(urlPathEqualTo(AOPAY_PATH))
                .withRequestBody(matchingJsonPath("$.RegistrationID", WireMock.equalTo(registrationId)));
    }

    int callsFor(String registrationId) {
        return aopay.countRequestsMatching(aopayCallsFor(registrationId).build())
                .getCount();
    }

    // --- SUCCESS -----------------------------------------------------------------------

    @Test
    void successIs200WithMaskedNumbersAndAopaysAnswer() {
        post(TestData.request("AOP-554"))
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("outcome", equalTo("SUCCESS"))
                .body("message", equalTo("OTP Resend Request Completed"))
                .body("requestId", notNullValue())
                .body("RegistrationID", equalTo("AOP-554"))
                .body("PrimaryKeyId", equalTo("TEST"))
                .body("EncodeTxnId", equalTo("DEMO"))
                .body("maskedMobile", equalTo("XXXXXX3210"))
                .body("maskedAadhaar", equalTo("XXXX XXXX 2346"))
                .body("httpStatus", equalTo(200))
                .body("status", equalTo(true))
                .body("responseCode", equalTo(1))
                .body("errorCode", equalTo(0))
                .body(not(containsString(TestData.AADHAAR)))
                .body(not(containsString(TestData.MOBILE)));
    }

    @Test
    void aopayGetsItsOwnFieldNamesDefaultsMobileAsNumberAndTheApiKey() {
        post(TestData.request("AOP-554")).statusCode(200);
        aopay.verify(
                1,
                postRequestedFor(urlPathEqualTo(AOPAY_PATH))
                        .withHeader("Content-Type", WireMock.containing("application/json"))
                        .withHeader("api-key", WireMock.equalTo("test-api-key"))
                        .withRequestBody(equalToJson("""
                        {"Userkey":"AOP554N3X","Mobile":9876543210,"Pipe":"bank6","AccessModeType":"SITE",
                         "AdhaarNumber":"234123412346","PrimaryKeyId":"TEST","EncodeTxnId":"DEMO","RegistrationID":"AOP-554"}""")));
    }

    @Test
    void mobileAsTextWithPrefixIsNormalisedAndOtpForwardedOnlyWhenGiven() {
        post("""
                {"Userkey":"AOP554N3X","Mobile":"+91 98765-43210","AdhaarNumber":"2341-2341-2346","PrimaryKeyId":"P1",
                 "EncodeTxnId":"E1","RegistrationID":"AOP-554","AccessModeType":"APP","Otp":"123456"}""").statusCode(200).body("outcome", equalTo("SUCCESS"));
        aopay.verify(
                1,
                aopayCallsFor("AOP-554")
                        .withRequestBody(matchingJsonPath("$.Mobile", WireMock.equalTo("9876543210")))
                        .withRequestBody(matchingJsonPath("$.AdhaarNumber", WireMock.equalTo(TestData.AADHAAR)))
                        .withRequestBody(matchingJsonPath("$.AccessModeType", WireMock.equalTo("APP")))
                        .withRequestBody(matchingJsonPath("$.Otp", WireMock.equalTo("123456"))));
        post(TestData.request("AOP-554")).statusCode(200);
        aopay.verify(1, aopayCallsFor("AOP-554").withRequestBody(matchingJsonPath("$.Otp", absent())));
        aopay.verify(0, aopayCallsFor("AOP-554").withRequestBody(WireMock.matching("(?s).*\"Mobile\"\\s*:\\s*\".*")));
    }

    @Test
    void callersHeadersNeverReachAopay() {
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer caller-token")
                .header("Cookie", "s=1")
                .header("Idempotency-Key", "hdr-" + System.nanoTime())
                .body(TestData.request("AOP-554"))
                .post(PATH)
                .then()
                .statusCode(200);
        aopay.verify(
                1,
                aopayCallsFor("AOP-554")
                        .withHeader("Authorization", absent())
                        .withHeader("Cookie", absent())
                        .withHeader("Idempotency-Key", absent()));
    }

    // --- FAILED / UNAUTHORIZED -------------------------------------------------------

    @Test
    void statusFalseIs422Failed() {
        post(TestData.request("AOP-REFUSED"))
                .statusCode(422)
                .body("outcome", equalTo("FAILED"))
                .body("status", equalTo(false))
                .body("responseCode", equalTo(0))
                .body("errorCode", equalTo(17))
                .body("message", containsString("OTP Resend Request Failed"));
        assertEquals(1, callsFor("AOP-REFUSED"), "a refusal is never retried");
    }

    @Test
    void aopay401Is502UnauthorizedAndIsSentExactlyOnce() {
        post(TestData.request("AOP-401"))
                .statusCode(502)
                .body("outcome", equalTo("UNAUTHORIZED"))
                .body("httpStatus", equalTo(401))
                .body("responseCode", equalTo(5))
                .body("message", containsString("Invalid signature encoding"));
        assertEquals(1, callsFor("AOP-401"));
    }

    // --- ERROR -----------------------------------------------------------------------

    @Test
    void flakyUpstreamSucceedsOnRetry() {
        post(TestData.request("AOP-FLAKY")).statusCode(200).body("outcome", equalTo("SUCCESS"));
        assertEquals(3, callsFor("AOP-FLAKY"), "two 503s, then the success");
    }

    @Test
    void persistent503IsErrorAfterTheConfiguredRetries() {
        post(TestData.request("AOP-503"))
                .statusCode(502)
                .body("outcome", equalTo("ERROR"))
                .body("cause", equalTo("UPSTREAM_STATUS"))
                .body("httpStatus", equalTo(503))
                .body("message", containsString("3 attempts"));
        assertEquals(3, callsFor("AOP-503"), "1 call + aopay.retry.max-redeliveries (2)");
    }

    @Test
    void status502And504AreRetriedToo() {
        post(TestData.request("AOP-502"))
                .statusCode(502)
                .body("outcome", equalTo("ERROR"))
                .body("httpStatus", equalTo(502));
        post(TestData.request("AOP-504"))
                .statusCode(502)
                .body("outcome", equalTo("ERROR"))
                .body("httpStatus", equalTo(504));
        assertEquals(3, callsFor("AOP-502"));
        assertEquals(3, callsFor("AOP-504"));
    }

    @Test
    void status500IsErrorWithoutRetry() {
        post(TestData.request("AOP-500"))
                .statusCode(502)
                .body("outcome", equalTo("ERROR"))
                .body("httpStatus", equalTo(500));
        assertEquals(1, callsFor("AOP-500"));
    }

    @Test
    void status429WithStatusFalseIsARefusalNotRetried() {
        post(TestData.request("AOP-429"))
                .statusCode(422)
                .body("outcome", equalTo("FAILED"))
                .body("httpStatus", equalTo(429));
        post(TestData.request("AOP-429-EMPTY"))
                .statusCode(502)
                .body("outcome", equalTo("ERROR"))
                .body("httpStatus", equalTo(429));
        assertEquals(1, callsFor("AOP-429"));
        assertEquals(1, callsFor("AOP-429-EMPTY"));
    }

    @Test
    void connectionResetIsErrorAfterRetries() {
        post(TestData.request("AOP-RESET"))
                .statusCode(502)
                .body("outcome", equalTo("ERROR"))
                .body("cause", equalTo("CONNECTION"));
        assertEquals(3, callsFor("AOP-RESET"));
    }

    @Test
    void unreadableRepliesAreErrorsAndNotRetried() {
        for (String registration : new String[] {"AOP-HTML", "AOP-EMPTY", "AOP-NOSTATUS"}) {
            post(TestData.request(registration))
                    .statusCode(502)
                    .body("outcome", equalTo("ERROR"))
                    .body("cause", equalTo("UNREADABLE_REPLY"))
                    .body("httpStatus", equalTo(200));
            assertEquals(1, callsFor(registration), registration);
        }
    }

    // --- REJECTED --------------------------------------------------------------------

    @Test
    void everyBrokenRuleIsListedByFieldAndNothingIsSent() {
        post("""
                {"Userkey":"AOP554N3XXXXX","Mobile":"12345","AdhaarNumber":"%s","PrimaryKeyId":" ",
                 "RegistrationID":"AOP-554","Pipe":"bank5","Otp":"12ab"}""".formatted(TestData.AADHAAR_BAD_CHECK))
                .statusCode(400)
                .body("outcome", equalTo("REJECTED"))
                .body("fieldErrors", hasSize(7))
                .body(
                        "fieldErrors.field",
                        hasItems("Userkey", "Mobile", "AdhaarNumber", "PrimaryKeyId", "EncodeTxnId", "Pipe", "Otp"))
                .body("fieldErrors.find { it.field == 'AdhaarNumber' }.message", containsString("Verhoeff"))
                .body("fieldErrors.find { it.field == 'EncodeTxnId' }.message", containsString("required"))
                .body("fieldErrors.find { it.field == 'Pipe' }.message", containsString("bank6"))
                .body("maskedAadhaar", equalTo("XXXX XXXX 2345"))
                .body(not(containsString(TestData.AADHAAR_BAD_CHECK)));
        assertEquals(0, callsFor("AOP-554"));
    }

    @Test
    void missingFieldsAreEachNamed() {
        post("{}")
                .statusCode(400)
                .body(
                        "fieldErrors.field",
                        hasItems("Userkey", "Mobile", "AdhaarNumber", "PrimaryKeyId", "EncodeTxnId", "RegistrationID"))
                .body("fieldErrors", hasSize(6));
    }

    @Test
    void aopaysOwnSamplePayloadIsA400ThatSaysItIsNotJson() {
        // Copied as published: "Mobile": 97XXXXXXXX is not valid JSON.
        post("""
                {
                  "Userkey": "AOP554N3XXXXX",
                  "Mobile": 97XXXXXXXX,
                  "Pipe": "bank6",
                  "AccessModeType": "SITE",
                  "AdhaarNumber": "123456789012",
                  "PrimaryKeyId": "TEST",
                  "EncodeTxnId": "DEMO",
                  "RegistrationID": "AOP-554"
                }""")
                .statusCode(400)
                .body("outcome", equalTo("REJECTED"))
                .body("fieldErrors[0].field", equalTo("body"))
                .body("fieldErrors[0].message", containsString("not valid JSON"))
                .body("fieldErrors[0].message", containsString("line 3"));
    }

    @Test
    void bodiesThatAreNotARequestObjectAre400() {
        post("[1,2]").statusCode(400).body("fieldErrors[0].field", equalTo("body"));
        post("\"hello\"").statusCode(400).body("fieldErrors[0].field", equalTo("body"));
        post("").statusCode(400).body("fieldErrors[0].message", containsString("empty"));
        post("{\"Mobile\":{\"n\":1}}").statusCode(400).body("fieldErrors[0].field", equalTo("Mobile"));
        post("{\"Mobile\":1,\"mobile\":2}")
                .statusCode(400)
                .body("fieldErrors[0].field", equalTo("Mobile"))
                .body("fieldErrors[0].message", equalTo("is given more than once"));
        post(TestData.request("AOP-554") + " trailing").statusCode(400).body("fieldErrors[0].field", equalTo("body"));
    }

    @Test
    void aadhaarSpelledCorrectlyIsAcceptedAsAnAlias() {
        post(TestData.request("AOP-554").replace("AdhaarNumber", "AadhaarNumber"))
                .statusCode(200);
    }

    // --- HTTP edges ------------------------------------------------------------------

    @Test
    void wrongContentTypeIs415() {
        given().contentType(ContentType.TEXT)
                .body(TestData.request("AOP-554"))
                .post(PATH)
                .then()
                .statusCode(415);
        assertEquals(0, callsFor("AOP-554"));
    }

    @Test
    void oversizedBodyIs413() {
        given().contentType(ContentType.JSON)
                .body("{\"pad\":\"" + "x".repeat(100_000) + "\"}")
                .post(PATH)
                .then()
                .statusCode(413);
    }

    @Test
    void requestHeadersAreNotEchoedBack() {
        given().contentType(ContentType.JSON)
                .header("X-Secret-Thing", "s3cret")
                .body(TestData.request("AOP-554"))
                .post(PATH)
                .then()
                .statusCode(200)
                .header("X-Secret-Thing", nullValue());
    }

    // --- Idempotency-Key -------------------------------------------------------------

    @Test
    void repeatedIdempotencyKeyReturnsTheFirstResultWithoutCallingAopayAgain() {
        String key = "idem-" + System.nanoTime();
        String first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(TestData.request("AOP-554"))
                .post(PATH)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", nullValue())
                .extract()
                .path("requestId");
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(TestData.request("AOP-554"))
                .post(PATH)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("requestId", equalTo(first));
        assertEquals(1, callsFor("AOP-554"));
    }

    @Test
    void idempotentReplayKeepsTheFirstStatusCode() {
        String key = "idem-refused-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON)
                    .header("Idempotency-Key", key)
                    .body(TestData.request("AOP-REFUSED"))
                    .post(PATH)
                    .then()
                    .statusCode(422)
                    .body("outcome", equalTo("FAILED"));
        }
        assertEquals(1, callsFor("AOP-REFUSED"));
    }

    @Test
    void differentKeysAreDifferentRequests() {
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON)
                    .header("Idempotency-Key", "k" + i + "-" + System.nanoTime())
                    .body(TestData.request("AOP-554"))
                    .post(PATH)
                    .then()
                    .statusCode(200);
        }
        assertEquals(2, callsFor("AOP-554"));
    }

    @Test
    void malformedIdempotencyKeyIsRejected() {
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "x".repeat(300))
                .body(TestData.request("AOP-554"))
                .post(PATH)
                .then()
                .statusCode(400)
                .body("fieldErrors.field", hasItem("Idempotency-Key"));
        assertEquals(0, callsFor("AOP-554"));
    }

    // --- Described and observable ----------------------------------------------------

    @Test
    void openApiDocumentDescribesTheEndpointAndEveryStatus() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/api/v1/resend-otp'.post.responses.keySet()",
                        hasItems("200", "400", "413", "415", "422", "429", "502", "503", "504"));
    }

    @Test
    void metricsCountRequestsByChannelAndOutcomeAndTimeAopay() {
        Map<String, Double> before =
                PrometheusText.parse(Management.given().get("/q/metrics").asString());
        post(TestData.request("AOP-554")).statusCode(200);
        String text = Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        OutputHygiene.capture("metrics", getClass().getSimpleName(), text);
        Map<String, Double> after = PrometheusText.parse(text);
        assertEquals(
                1,
                PrometheusText.increase(
                        before,
                        after,
                        "aopay_resend_requests_total",
                        "channel=\"rest\"",
                        "client=\"test\"",
                        "outcome=\"SUCCESS\""),
                "REST requests SUCCESS");
        assertEquals(1, PrometheusText.increase(before, after, "aopay_call_seconds_count"), "AOPay calls timed");
        assertFalse(text.contains(TestData.AADHAAR), "full Aadhaar number in /q/metrics");
        assertFalse(text.contains(TestData.MOBILE), "full mobile number in /q/metrics");
    }

    @Test
    void healthIsUp() {
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
