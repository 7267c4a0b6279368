package org.aepsbridge.resendotp.security;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.LogScan;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.TestClients;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Real API keys over real HTTP (a plain client, not the suite's default key): right,
 * rotated, wrong, expired, revoked, malformed, missing (the hostile ones: hostile/HostileCredentialsTest). A refused call gets 401 with
 * WWW-Authenticate and the bundle's result shape, and never reaches the core (AOPay is not
 * called for it). An accepted one names its client in the result, the log line and the
 * request metrics.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
class ApiKeyAuthenticationTest {

    static final String PATH = "/api/v1/resend-otp";
    static final String AOPAY_PATH = "/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CHALLENGE = "ApiKey realm=\"aopay-resend-otp\", header=\"X-API-Key\"";

    @TestHTTPResource(PATH)
    URI api;

    @AopayStandIn.Inject
    WireMockServer aopay;

    @AfterAll
    static void noKeyReachedTheLog() throws Exception {
        LogScan.assertNoSecretsInApplicationLog();
    }

    HttpResponse<String> post(String registrationId, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestData.request(registrationId)));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    int aopayCallsFor(String registrationId) {
        return aopay.countRequestsMatching(postRequestedFor(urlPathEqualTo(AOPAY_PATH))
                        .withRequestBody(matchingJsonPath("$.RegistrationID", WireMock.equalTo(registrationId)))
                        .build())
                .getCount();
    }

    /** A refusal: 401, the challenge, the result shape naming the header and the rule, AOPay never called. */
    void assertRefused(HttpResponse<String> response, String registrationId, String rule) throws Exception {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals(
                CHALLENGE, response.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse(null));
        JsonNode body = JSON.readTree(response.body());
        assertEquals("REJECTED", body.path("outcome").asText(), response.body());
        assertEquals(
                "Not authenticated: X-API-Key " + rule, body.path("message").asText());
        assertEquals(1, body.path("fieldErrors").size(), response.body());
        assertEquals("X-API-Key", body.path("fieldErrors").path(0).path("field").asText());
        assertEquals(rule, body.path("fieldErrors").path(0).path("message").asText());
        assertFalse(body.has("client"), "nobody was authenticated: " + response.body());
        assertEquals(0, aopayCallsFor(registrationId), "a refused call reached AOPay");
        for (String key : TestClients.SECRETS) {
            assertFalse(response.body().contains(key), "the answer echoes a key");
        }
    }

    @Test
    void theClientsKeyIsAcceptedAndTheResultNamesTheClient() throws Exception {
        HttpResponse<String> response = post("AOP-554", TestClients.HEADER, TestClients.KEY);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("SUCCESS", body.path("outcome").asText());
        assertEquals(TestClients.CLIENT, body.path("client").asText());
    }

    @Test
    void aRotatedInKeyOfTheSameClientIsAcceptedBesideTheCurrentOne() throws Exception {
        HttpResponse<String> rotated = post("AOP-554", TestClients.HEADER, TestClients.ROTATED_KEY);
        assertEquals(200, rotated.statusCode(), rotated.body());
        assertEquals(
                TestClients.CLIENT, JSON.readTree(rotated.body()).path("client").asText());
        HttpResponse<String> current = post("AOP-554", TestClients.HEADER, TestClients.KEY);
        assertEquals(200, current.statusCode(), current.body());
    }

    @Test
    void keysAreCaseInsensitiveHex() throws Exception {
        HttpResponse<String> response = post("AOP-554", TestClients.HEADER, TestClients.KEY.toUpperCase());
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void noKeyIs401() throws Exception {
        assertRefused(
                post("AUTH-NONE"),
                "AUTH-NONE",
                "is required: every call carries its client's API key (or a client certificate where mutual TLS is on)");
    }

    @Test
    void anUnknownKeyIs401() throws Exception {
        assertRefused(
                post("AUTH-UNKNOWN", TestClients.HEADER, TestClients.UNKNOWN_KEY),
                "AUTH-UNKNOWN",
                "is not a key of any client");
    }

    @Test
    void anExpiredKeyIs401() throws Exception {
        assertRefused(
                post("AUTH-EXPIRED", TestClients.HEADER, TestClients.EXPIRED_KEY),
                "AUTH-EXPIRED",
                "has expired: ask the operator for a new key");
    }

    @Test
    void aRevokedKeyIs401() throws Exception {
        assertRefused(
                post("AUTH-REVOKED", TestClients.HEADER, TestClients.REVOKED_KEY),
                "AUTH-REVOKED",
                "has been revoked: ask the operator for a new key");
    }

    @Test
    void theHashInsteadOfTheKeyIs401() throws Exception {
        assertRefused(
                post("AUTH-HASH", TestClients.HEADER, TestClients.KEY_SHA256),
                "AUTH-HASH",
                "is not a key of any client");
    }

    @Test
    void aKeyOfTheWrongShapeIs401() throws Exception {
        assertRefused(
                post("AUTH-SHORT", TestClients.HEADER, TestClients.KEY.substring(1)),
                "AUTH-SHORT",
                "must be 64 hexadecimal characters (a 256-bit key)");
    }

    @Test
    void anIdempotencyKeyBelongsToItsClient() throws Exception {
        String registration = "AUTH-IDEM";
        HttpResponse<String> first =
                post(registration, TestClients.HEADER, TestClients.KEY, "Idempotency-Key", "shared-key-1");
        HttpResponse<String> partner =
                post(registration, TestClients.HEADER, TestClients.PARTNER_KEY, "Idempotency-Key", "shared-key-1");
        HttpResponse<String> repeat =
                post(registration, TestClients.HEADER, TestClients.KEY, "Idempotency-Key", "shared-key-1");
        assertEquals(
                TestClients.CLIENT, JSON.readTree(first.body()).path("client").asText());
        assertEquals(
                TestClients.PARTNER_CLIENT,
                JSON.readTree(partner.body()).path("client").asText(),
                partner.body());
        assertTrue(
                partner.headers().firstValue("Idempotent-Replayed").isEmpty(),
                "another client saw the first client's result");
        assertEquals("true", repeat.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(2, aopayCallsFor(registration), "one call per client");
    }

    @Test
    void theClientIsInTheOutcomeLogLineAndTheRequestMetrics() throws Exception {
        HttpResponse<String> response = post("AOP-554", TestClients.HEADER, TestClients.PARTNER_KEY);
        String requestId = JSON.readTree(response.body()).path("requestId").asText();
        String log = Files.readString(Path.of("target/application-test.log"), StandardCharsets.UTF_8);
        assertTrue(
                log.contains("channel=rest outcome=SUCCESS requestId=" + requestId + " client=partner "),
                "no outcome line naming the client");
        String metrics = Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                metrics.contains(
                        "aopay_resend_requests_total{channel=\"rest\",client=\"partner\",outcome=\"SUCCESS\"}"),
                "no request metric naming the client");
    }
}
