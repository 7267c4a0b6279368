package org.aepsbridge.resendotp.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.aepsbridge.resendotp.support.TestCertificates;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API port over HTTPS from the TLS registry, switched on by configuration only: the
 * production overlay's own settings file (k8s/overlays/production/tls.properties), the
 * certificate and key PEM files in a folder (as a mounted Kubernetes TLS Secret), plain
 * HTTP is off, and a rotated certificate is served without a restart (the registry's
 * reload period). Real handshakes, with certificates the test made.
 */
class HttpsApiIT {

    static PackagedApp app;
    static int httpsPort;
    static Path secret;

    @BeforeAll
    static void startWithHttpsOnly() throws Exception {
        httpsPort = PackagedApp.freePort();
        secret = TestCertificates.serverPemFolder("api-tls");
        app = PackagedApp.startWithEnvironment(
                "https-api",
                productionTlsSettings(secret),
                "-Dquarkus.http.ssl-port=" + httpsPort,
                "-Dquarkus.tls.api.reload-period=1s",
                "-Daopay.base-url=http://127.0.0.1:9",
                "-Daopay.auth.api-key=k",
                "-Daopay.jms.broker-url=tcp://127.0.0.1:9");
        // generous: a loaded machine has taken over a minute to boot it
        assertTrue(app.waitUntilStarted(Duration.ofSeconds(180)), app::output);
    }

    /** The production overlay's TLS settings for the API port, the file its pods read (QUARKUS_CONFIG_LOCATIONS). */
    static final Path PRODUCTION_TLS_SETTINGS = Path.of("k8s", "overlays", "production", "tls.properties");

    /**
     * The production overlay's own tls.properties, its certificate folder replaced by the
     * test's, read as the pods read it (from QUARKUS_CONFIG_LOCATIONS); on top only the test's
     * own port and a reload period of a second, so the rotation test is short.
     */
    static Map<String, String> productionTlsSettings(Path secret) throws IOException {
        Path settings = Files.createDirectories(Path.of("target", "packaged-runs"))
                .resolve("https-api-tls-" + System.nanoTime() + ".properties");
        Files.writeString(
                settings, Files.readString(PRODUCTION_TLS_SETTINGS).replace("/deployments/tls/api", secret.toString()));
        return Map.of("QUARKUS_CONFIG_LOCATIONS", settings.toAbsolutePath().toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    static HttpResponse<String> post(SSLContext tls) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + httpsPort + "/api/v1/resend-otp"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestData.request("AOP-554")))
                .build();
        return HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10))
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientThatTrustsTheCertificateIsServedOverHttps() throws Exception {
        // No key presented: the answer is the API's own 401, which only comes over a completed handshake.
        HttpResponse<String> response = post(TestCertificates.trustingTheTestServer());
        assertEquals(401, response.statusCode(), response.body() + app.output());
        assertTrue(response.body().contains("\"outcome\":\"REJECTED\""), response.body());
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedInTheHandshake() {
        // The JDK's default trust store (public CAs) does not hold the test-made certificate.
        assertThrows(SSLHandshakeException.class, () -> post(SSLContext.getDefault()));
    }

    @Test
    void plainHttpIsOff() {
        assertThrows(
                ConnectException.class,
                () -> {
                    try (Socket probe = new Socket()) {
                        probe.connect(new InetSocketAddress("127.0.0.1", app.port), 5_000);
                    }
                },
                "something listens for plain HTTP on the API port:\n" + app.output());
    }

    @Test
    void aRotatedCertificateIsServedWithoutARestart() throws Exception {
        X509Certificate rotated = TestCertificates.rotate(secret);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        X509Certificate served = presented();
        while (!rotated.equals(served) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            served = presented();
        }
        assertEquals(rotated, served, "the new certificate is not served:\n" + app.output());
        assertTrue(app.isAlive());
    }

    /** The certificate the API port presents now (read by a client that trusts anything, for this one look). */
    static X509Certificate presented() throws Exception {
        X509Certificate[] seen = new X509Certificate[1];
        TrustManager recorder = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen[0] = chain[0];
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {recorder}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", httpsPort)) {
            socket.startHandshake();
        } catch (IOException e) {
            throw new IllegalStateException("no handshake with the API port", e);
        }
        return seen[0];
    }
}
