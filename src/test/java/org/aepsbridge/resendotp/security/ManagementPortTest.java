package org.aepsbridge.resendotp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.TestClients;
import org.junit.jupiter.api.Test;

/** Health and metrics are served on the management port only; the API port serves the API and its OpenAPI document. */
@QuarkusTest
class ManagementPortTest {

    @TestHTTPResource("/")
    URL api;

    static HttpResponse<String> get(String url, boolean withKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (withKey) {
            request.header(TestClients.HEADER, TestClients.KEY);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void managementPortServesHealthAndMetricsWithoutACredential() throws Exception {
        String management = Management.baseUri();
        assertNotEquals(api.getPort(), URI.create(management).getPort());
        HttpResponse<String> ready = get(management + "/q/health/ready", false);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"status\": \"UP\""), ready.body());
        assertEquals(200, get(management + "/q/health/live", false).statusCode());
        HttpResponse<String> metrics = get(management + "/q/metrics", false);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("# TYPE"), "a Prometheus scrape");
    }

    @Test
    void apiPortServesNeitherHealthNorMetricsEvenToAClient() throws Exception {
        String base = "http://localhost:" + api.getPort();
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/health/live", "/q/metrics"}) {
            assertEquals(404, get(base + path, true).statusCode(), path + " on the API port");
        }
    }

    @Test
    void apiPortServesTheOpenApiDocumentWithoutACredential() throws Exception {
        HttpResponse<String> openapi = get("http://localhost:" + api.getPort() + "/q/openapi?format=json", false);
        assertEquals(200, openapi.statusCode(), openapi.body());
        assertTrue(openapi.body().contains("/api/v1/resend-otp"), openapi.body());
    }
}
