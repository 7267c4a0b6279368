package org.aepsbridge.resendotp.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.aepsbridge.resendotp.support.TestClients;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.Test;

/**
 * The packaged application in production mode (no profile): no sandbox, no start without its
 * required settings or without any client, health on the management port only.
 */
class ProductionStartupIT {

    @Test
    void missingRequiredSettingsStopStartUpNamingEachOne() throws Exception {
        try (PackagedApp app = PackagedApp.start("prod-unconfigured")) {
            int exit = app.waitForExit(Duration.ofSeconds(60));
            String output = app.output();
            assertNotEquals(-1, exit, "the application must stop by itself:\n" + output);
            assertNotEquals(0, exit, output);
            assertTrue(output.contains("aopay.base-url"), output);
            assertTrue(output.contains("aopay.auth.api-key"), output);
            assertTrue(output.contains("aopay.jms.broker-url"), output);
        }
    }

    @Test
    void aSharedStateStoreWithoutItsDatabaseAndIdentityKeyStopsStartUpNamingThem() throws Exception {
        try (PackagedApp app = PackagedApp.start("prod-shared-state-unconfigured",
                "-Daopay.base-url=http://127.0.0.1:9", "-Daopay.auth.api-key=k", "-Daopay.jms.broker-url=tcp://127.0.0.1:9",
                "-Daopay.state.store=postgresql")) {
            int exit = app.waitForExit(Duration.ofSeconds(60));
            String output = app.output();
            assertNotEquals(-1, exit, "the application must stop by itself:\n" + output);
            assertNotEquals(0, exit, output);
            assertTrue(output.contains("aopay.state.store=postgresql needs aopay.state.url (AOPAY_STATE_URL)"
                    + " and aopay.state.identity-key (AOPAY_STATE_IDENTITY_KEY)"), output);
        }
    }

    static final String[] CONFIGURED = {"-Daopay.base-url=http://127.0.0.1:9", "-Daopay.auth.api-key=k",
            "-Daopay.jms.broker-url=tcp://127.0.0.1:9"};

    static String[] configured(String... more) {
        String[] all = java.util.Arrays.copyOf(CONFIGURED, CONFIGURED.length + more.length);
        System.arraycopy(more, 0, all, CONFIGURED.length, more.length);
        return all;
    }

    @Test
    void withoutAnyClientProductionDoesNotStartAndNamesTheSetting() throws Exception {
        try (PackagedApp app = PackagedApp.start("prod-no-client", configured("-Daopay.security.open-behind-gateway=false"))) {
            int exit = app.waitForExit(Duration.ofSeconds(60));
            String output = app.output();
            assertNotEquals(-1, exit, "the application must stop by itself:\n" + output);
            assertNotEquals(0, exit, output);
            assertTrue(output.contains("No REST client is configured: set aopay.security.clients.<client>.keys.<key-id>.sha256"), output);
            assertTrue(output.contains("aopay.security.open-behind-gateway=true"), output);
        }
    }

    @Test
    void openBehindAGatewayStartsWithAWarningAndNamesKeylessCallsTheGateway() throws Exception {
        try (PackagedApp app = PackagedApp.start("prod-open", configured("-Daopay.security.open-behind-gateway=true",
                "-Daopay.sandbox.enabled=true", "-Daopay.sandbox.api-key=k"))) {
            assertTrue(app.waitUntilStarted(Duration.ofSeconds(60)), app::output);
            assertTrue(app.output().contains("WARN") && app.output().contains(
                    "aopay.security.open-behind-gateway=true: REST calls without an API key are accepted as client 'gateway'"), app.output());
            HttpResponse<String> keyless = app.post("/api/v1/resend-otp", TestData.request("AOP-554"), null);
            assertTrue(keyless.body().contains("\"client\":\"gateway\""), keyless.body());
            HttpResponse<String> wrongKey = app.post("/api/v1/resend-otp", TestData.request("AOP-554"), TestClients.UNKNOWN_KEY);
            assertEquals(401, wrongKey.statusCode(), "a key that is presented is still checked: " + wrongKey.body());
        }
    }

    @Test
    void healthIsOnTheManagementPortAndNotOnTheApiPort() throws Exception {
        try (PackagedApp app = PackagedApp.start("prod-management", CONFIGURED)) {
            assertTrue(app.waitUntilStarted(Duration.ofSeconds(60)), app::output);
            assertEquals(200, app.get("/q/health/live").statusCode());
            HttpResponse<String> onApi = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.apiUri("/q/health/live"))
                    .header(TestClients.HEADER, TestClients.KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, onApi.statusCode(), onApi.body());
        }
    }

    @Test
    void noSandboxAndNoEmbeddedBrokerInProduction() throws Exception {
        try (PackagedApp app = PackagedApp.start("prod-configured",
                "-Daopay.base-url=http://127.0.0.1:9", "-Daopay.auth.api-key=k", "-Daopay.jms.broker-url=tcp://127.0.0.1:9")) {
            assertTrue(app.waitUntilStarted(Duration.ofSeconds(60)), app::output);
            HttpResponse<String> sandbox = app.post("/sandbox/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP", TestData.request("AOP-554"));
            assertEquals(404, sandbox.statusCode(), sandbox.body());
            assertFalse(app.output().contains("Embedded ActiveMQ Artemis broker listening"), app.output());
        }
    }
}
