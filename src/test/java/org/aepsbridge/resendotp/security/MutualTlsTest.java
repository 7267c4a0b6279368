package org.aepsbridge.resendotp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.TestCertificates;
import org.aepsbridge.resendotp.support.TestClients;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS with real handshakes and certificates the test made (support/TestCertificates):
 * a trusted certificate is the client named by its CN; an untrusted one does not get
 * through the handshake; without a certificate the call needs a key, as over plain HTTP.
 */
@QuarkusTest
@TestProfile(TestCertificates.class)
@QuarkusTestResource(AopayStandIn.class)
class MutualTlsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource(value = "/api/v1/resend-otp", tls = true)
    URI api;

    HttpResponse<String> post(SSLContext tls, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestData.request("AOP-554")));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newBuilder().sslContext(tls).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTrustedCertificateIsTheClientNamedByItsCommonName() throws Exception {
        assertEquals("https", api.getScheme());
        HttpResponse<String> response = post(TestCertificates.client("trusted-client.p12"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("SUCCESS", body.path("outcome").asText());
        assertEquals(TestCertificates.TRUSTED_CLIENT, body.path("client").asText());
    }

    @Test
    void anUntrustedCertificateFailsTheHandshake() {
        assertThrows(IOException.class, () -> post(TestCertificates.client("untrusted-client.p12")));
    }

    @Test
    void withoutACertificateTheCallNeedsAKey() throws Exception {
        SSLContext anonymous = TestCertificates.client(null);
        HttpResponse<String> refused = post(anonymous);
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("REJECTED", JSON.readTree(refused.body()).path("outcome").asText());
        HttpResponse<String> withKey = post(anonymous, TestClients.HEADER, TestClients.KEY);
        assertEquals(200, withKey.statusCode(), withKey.body());
        assertEquals(TestClients.CLIENT, JSON.readTree(withKey.body()).path("client").asText());
    }
}
