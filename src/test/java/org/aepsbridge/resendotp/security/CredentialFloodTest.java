package org.aepsbridge.resendotp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.RawHttp;
import org.aepsbridge.resendotp.support.TestClients;
import org.aepsbridge.resendotp.support.TestData;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Many refused credentials from one source: after {@code aopay.security.failures.max-per-source}
 * of them within the window, that source is refused with 429 and Retry-After, even with a
 * right key, while other sources go on as before. The flood comes from 127.0.0.3, an
 * address no other test uses.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
class CredentialFloodTest {

    static final String FLOODER = "127.0.0.3";

    @TestHTTPResource("/")
    URL api;

    @ConfigProperty(name = "aopay.security.failures.max-per-source")
    int maxPerSource;

    RawHttp.Answer post(String source, String key) throws Exception {
        return RawHttp.post(
                source,
                api.getPort(),
                "/api/v1/resend-otp",
                TestData.request("AOP-554"),
                List.of(TestClients.HEADER + ": " + key));
    }

    @Test
    void aSourcePastItsRefusedCredentialsIsRefusedUntilTheWindowEnds() throws Exception {
        for (int i = 1; i <= maxPerSource; i++) {
            assertEquals(401, post(FLOODER, TestClients.UNKNOWN_KEY).status(), "refusal " + i + " of " + maxPerSource);
        }
        RawHttp.Answer locked = post(FLOODER, TestClients.KEY);
        assertEquals(429, locked.status(), locked.body());
        assertEquals("60", locked.headers().get("retry-after"));
        var body = new ObjectMapper().readTree(locked.body());
        assertEquals("REJECTED", body.path("outcome").asText());
        assertEquals(
                "Not authenticated: too many refused credentials from this address: try again later",
                body.path("message").asText());
        assertEquals(60, body.path("retryAfterSeconds").asInt());

        RawHttp.Answer elsewhere = post("127.0.0.4", TestClients.KEY);
        assertEquals(200, elsewhere.status(), "another source is not locked out: " + elsewhere.body());
    }
}
