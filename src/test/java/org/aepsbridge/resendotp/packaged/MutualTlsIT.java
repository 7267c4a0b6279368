package org.aepsbridge.resendotp.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.aepsbridge.resendotp.support.TestCertificates;
import org.aepsbridge.resendotp.support.TestClients;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS on the packaged application, switched on by configuration only (the TLS
 * registry, support/TestCertificates), with real handshakes and certificates keytool made:
 * a trusted certificate is the client named by its CN; an untrusted one names nobody (with
 * client-auth {@code request} the JDK completes the handshake but leaves it unverified), so
 * the call is refused like one without a credential; without a certificate a key is needed.
 */
class MutualTlsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static PackagedApp app;
    static int httpsPort;

    @BeforeAll
    static void startWithTls() throws Exception {
        httpsPort = PackagedApp.freePort();
        int sandboxPort = PackagedApp.freePort();
        List<String> settings = new ArrayList<>(TestCertificates.settings(httpsPort));
        settings.addAll(List.of(
                "-Daopay.sandbox.enabled=true",
                "-Daopay.sandbox.api-key=k",
                "-Daopay.auth.api-key=k",
                "-Daopay.limits.enabled=false", // the same identity several times; the limits are tested elsewhere
                "-Daopay.jms.broker-url=tcp://127.0.0.1:9",
                "-Dquarkus.http.port=" + sandboxPort,
                "-Daopay.base-url=http://127.0.0.1:" + sandboxPort + "/sandbox"));
        app = PackagedApp.start("mtls", settings.toArray(String[]::new));
        assertTrue(app.waitUntilStarted(Duration.ofSeconds(90)), app::output);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    HttpResponse<String> post(SSLContext tls, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + httpsPort + "/api/v1/resend-otp"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestData.request("AOP-554")));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newBuilder()
                .sslContext(tls)
                .build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTrustedCertificateIsTheClientNamedByItsCommonName() throws Exception {
        HttpResponse<String> response = post(TestCertificates.client("trusted-client.p12"));
        assertEquals(200, response.statusCode(), response.body() + app.output());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("SUCCESS", body.path("outcome").asText());
        assertEquals(TestCertificates.TRUSTED_CLIENT, body.path("client").asText());
    }

    @Test
    void anUntrustedCertificateIsNoClient() throws Exception {
        HttpResponse<String> refused = post(TestCertificates.client("untrusted-client.p12"));
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("REJECTED", JSON.readTree(refused.body()).path("outcome").asText());
        assertFalse(refused.body().contains("intruder"), refused.body());
    }

    @Test
    void withoutACertificateTheCallNeedsAKey() throws Exception {
        SSLContext anonymous = TestCertificates.client(null);
        HttpResponse<String> refused = post(anonymous);
        assertEquals(401, refused.statusCode(), refused.body());
        HttpResponse<String> withKey = post(anonymous, TestClients.HEADER, TestClients.KEY);
        assertEquals(200, withKey.statusCode(), withKey.body());
        assertEquals(
                TestClients.CLIENT, JSON.readTree(withKey.body()).path("client").asText());
    }
}
