package org.aepsbridge.resendotp.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.stream.Stream;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.LogScan;
import org.aepsbridge.resendotp.support.RawHttp;
import org.aepsbridge.resendotp.support.TestClients;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus' credential cases ({@link HostileCorpus#CREDENTIALS}), written byte for byte on
 * a socket from 127.0.0.2 (so that their refusals count against an address of their own):
 * each gets its exact answer, none reaches AOPay, none is echoed, none is a 500.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
class HostileCredentialsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL api;

    @AopayStandIn.Inject
    WireMockServer aopay;

    static Stream<HostileCorpus.CredentialCase> cases() {
        return HostileCorpus.CREDENTIALS.stream();
    }

    @AfterAll
    static void nothingOfAKeyReachedTheLog() throws Exception {
        LogScan.assertNoSecretsInApplicationLog();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aHostileCredentialGetsItsExactAnswerAndNeverReachesTheCore(HostileCorpus.CredentialCase hostile)
            throws Exception {
        String registration = "HOSTILE-" + hostile.id().toUpperCase();
        RawHttp.Answer answer = RawHttp.post(
                "127.0.0.2",
                api.getPort(),
                "/api/v1/resend-otp",
                TestData.request(registration),
                hostile.headerLines());
        assertEquals(hostile.status(), answer.status(), answer.body());
        if (hostile.rule() != null) {
            assertEquals(
                    "ApiKey realm=\"aopay-resend-otp\", header=\"X-API-Key\"",
                    answer.headers().get("www-authenticate"));
            JsonNode body = JSON.readTree(answer.body());
            assertEquals("REJECTED", body.path("outcome").asText());
            assertEquals(
                    "X-API-Key", body.path("fieldErrors").path(0).path("field").asText());
            assertEquals(
                    hostile.rule(),
                    body.path("fieldErrors").path(0).path("message").asText());
        }
        for (String key : TestClients.SECRETS) {
            assertFalse(answer.body().contains(key.substring(0, 16)), "the answer echoes a key");
        }
        assertFalse(answer.body().contains("aaaaaaaaaaaaaaaa"), "the answer echoes the presented value");
        assertEquals(
                0,
                aopay.countRequestsMatching(WireMock.postRequestedFor(WireMock.anyUrl())
                                .withRequestBody(
                                        WireMock.matchingJsonPath("$.RegistrationID", WireMock.equalTo(registration)))
                                .build())
                        .getCount());
    }
}
