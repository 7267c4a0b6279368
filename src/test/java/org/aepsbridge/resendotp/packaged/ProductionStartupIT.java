package org.aepsbridge.resendotp.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aepsbridge.resendotp.support.TestClients;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged application in production mode (no profile): no sandbox, no embedded broker,
 * no start without its required settings (each missing one named: README, Configuration:
 * "missing required settings stop start-up with one clear message naming them") or without
 * any client, health on the management port only.
 */
class ProductionStartupIT {

    /** Production's required settings, each with a value that lets start-up get past it. */
    static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("aopay.base-url", "http://127.0.0.1:9");
        REQUIRED.put("aopay.auth.api-key", "k");
        REQUIRED.put("aopay.jms.broker-url", "tcp://127.0.0.1:9");
    }

    /** What the shared state store (aopay.state.store=postgresql) requires on top. */
    static final Map<String, String> SHARED_STATE_REQUIRED = Map.of(
            "aopay.state.url", "jdbc:postgresql://127.0.0.1:9/none",
            "aopay.state.identity-key", "an-identity-key");

    @Test
    void withNoSettingAtAllStartUpStopsNamingEveryRequiredOne() throws Exception {
        String output = outputOfAFailedStart("prod-unconfigured", List.of());
        for (String setting : REQUIRED.keySet()) {
            assertTrue(output.contains(setting), setting + " is not named:\n" + output);
        }
    }

    @ParameterizedTest(name = "{0} missing")
    @ValueSource(strings = {"aopay.base-url", "aopay.auth.api-key", "aopay.jms.broker-url"})
    void eachMissingRequiredSettingStopsStartUpAndIsNamed(String missing) throws Exception {
        List<String> settings = new ArrayList<>();
        REQUIRED.forEach((key, value) -> {
            if (!key.equals(missing)) {
                settings.add("-D" + key + "=" + value);
            }
        });
        String output = outputOfAFailedStart("prod-without-" + missing, settings);
        assertTrue(output.contains(missing), missing + " is not named:\n" + output);
    }

    @ParameterizedTest(name = "shared store without {0}")
    @ValueSource(strings = {"aopay.state.url", "aopay.state.identity-key", "both"})
    void aSharedStateStoreWithoutItsDatabaseOrIdentityKeyStopsStartUpNamingWhatIsMissing(String missing)
            throws Exception {
        List<String> settings = new ArrayList<>();
        REQUIRED.forEach((key, value) -> settings.add("-D" + key + "=" + value));
        settings.add("-Daopay.state.store=postgresql");
        SHARED_STATE_REQUIRED.forEach((key, value) -> {
            if (!key.equals(missing) && !missing.equals("both")) {
                settings.add("-D" + key + "=" + value);
            }
        });
        String output = outputOfAFailedStart("prod-shared-state-without-" + missing, settings);
        for (String setting : SHARED_STATE_REQUIRED.keySet()) {
            if (setting.equals(missing) || missing.equals("both")) {
                assertTrue(output.contains(setting), setting + " is not named:\n" + output);
            }
        }
    }

    static final String[] CONFIGURED = {
        "-Daopay.base-url=http://127.0.0.1:9", "-Daopay.auth.api-key=k", "-Daopay.jms.broker-url=tcp://127.0.0.1:9"
    };

    static String[] configured(String... more) {
        String[] all = java.util.Arrays.copyOf(CONFIGURED, CONFIGURED.length + more.length);
        System.arraycopy(more, 0, all, CONFIGURED.length, more.length);
        return all;
    }

    @Test
    void withoutAnyClientProductionDoesNotStartAndNamesTheSetting() throws Exception {
        try (PackagedApp app =
                PackagedApp.start("prod-no-client", configured("-Daopay.security.open-behind-gateway=false"))) {
            int exit = app.waitForExit(Duration.ofSeconds(60));
            String output = app.output();
            assertNotEquals(-1, exit, "the application must stop by itself:\n" + output);
            assertNotEquals(0, exit, output);
            // the promise: the settings that would let it start are named
            assertTrue(output.contains("aopay.security.clients."), output);
            assertTrue(output.contains("aopay.security.open-behind-gateway"), output);
        }
    }

    @Test
    void openBehindAGatewayStartsWithAWarningAndNamesKeylessCallsTheGateway() throws Exception {
        try (PackagedApp app = PackagedApp.start(
                "prod-open",
                configured(
                        "-Daopay.security.open-behind-gateway=true",
                        "-Daopay.sandbox.enabled=true",
                        "-Daopay.sandbox.api-key=k"))) {
            assertTrue(app.waitUntilStarted(Duration.ofSeconds(60)), app::output);
            assertTrue(
                    app.output()
                            .lines()
                            .anyMatch(line ->
                                    line.contains("WARN") && line.contains("aopay.security.open-behind-gateway")),
                    "a warning naming the setting at start:\n" + app.output());
            HttpResponse<String> keyless = app.post("/api/v1/resend-otp", TestData.request("AOP-554"), null);
            assertTrue(keyless.body().contains("\"client\":\"gateway\""), keyless.body());
            HttpResponse<String> wrongKey =
                    app.post("/api/v1/resend-otp", TestData.request("AOP-554"), TestClients.UNKNOWN_KEY);
            assertEquals(401, wrongKey.statusCode(), "a key that is presented is still checked: " + wrongKey.body());
        }
    }

    @Test
    void healthIsOnTheManagementPortAndNotOnTheApiPort() throws Exception {
        try (PackagedApp app = PackagedApp.start("prod-management", CONFIGURED)) {
            assertTrue(app.waitUntilStarted(Duration.ofSeconds(60)), app::output);
            assertEquals(200, app.get("/q/health/live").statusCode());
            HttpResponse<String> onApi = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(app.apiUri("/q/health/live"))
                                    .header(TestClients.HEADER, TestClients.KEY)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(404, onApi.statusCode(), onApi.body());
        }
    }

    @Test
    void noSandboxAndNoEmbeddedBrokerInProduction() throws Exception {
        int brokerPort = PackagedApp.freePort();
        List<String> settings = new ArrayList<>();
        REQUIRED.forEach((key, value) -> settings.add("-D" + key + "=" + value));
        // Where an embedded broker would listen if production started one
        settings.add("-Daopay.jms.embedded-broker.port=" + brokerPort);
        try (PackagedApp app = PackagedApp.start("prod-configured", settings.toArray(String[]::new))) {
            assertTrue(app.waitUntilStarted(Duration.ofSeconds(60)), app::output);
            HttpResponse<String> sandbox =
                    app.post("/sandbox/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP", TestData.request("AOP-554"));
            assertEquals(404, sandbox.statusCode(), sandbox.body());
            assertThrows(
                    ConnectException.class,
                    () -> {
                        try (Socket probe = new Socket()) {
                            probe.connect(new InetSocketAddress("127.0.0.1", brokerPort), 5_000);
                        }
                    },
                    "something listens on the embedded broker's port in production:\n" + app.output());
            assertFalse(
                    Files.exists(app.workingDir().resolve("data/broker")),
                    "an embedded broker journal was created in production");
        }
    }

    @Test
    void aPlainHttpAopayStopsProductionStartUpNamingTheSettingThatAllowsIt() throws Exception {
        List<String> settings = new ArrayList<>(List.of(CONFIGURED));
        settings.add("-Daopay.tls.allow-plain-http=false");
        String output = outputOfAFailedStart("prod-plain-http-aopay", settings);
        assertTrue(output.contains("aopay.base-url must be an https:// URL"), output);
        assertTrue(output.contains("aopay.tls.allow-plain-http=true"), output);
    }

    @Test
    void anHttpsAopayNeedsNoSettingAndAnAllowedPlainOneIsAWarning() throws Exception {
        try (PackagedApp app = PackagedApp.start(
                "prod-https-aopay",
                "-Daopay.base-url=https://127.0.0.1:9",
                "-Daopay.auth.api-key=k",
                "-Daopay.jms.broker-url=tcp://127.0.0.1:9",
                "-Daopay.tls.allow-plain-http=false")) {
            assertTrue(app.waitUntilStarted(Duration.ofSeconds(60)), app::output);
        }
        try (PackagedApp app =
                PackagedApp.start("prod-allowed-plain-aopay", configured("-Daopay.tls.allow-plain-http=true"))) {
            assertTrue(app.waitUntilStarted(Duration.ofSeconds(60)), app::output);
            assertTrue(
                    app.output()
                            .lines()
                            .anyMatch(
                                    line -> line.contains("WARN") && line.contains("aopay.tls.allow-plain-http=true")),
                    "a warning naming the setting at start:\n" + app.output());
        }
    }

    /** Starts the jar with these settings and returns its output once it stopped by itself, with a failure code. */
    static String outputOfAFailedStart(String name, List<String> settings) throws Exception {
        try (PackagedApp app = PackagedApp.start(name, settings.toArray(String[]::new))) {
            int exit = app.waitForExit(Duration.ofSeconds(60));
            String output = app.output();
            assertNotEquals(-1, exit, "the application must stop by itself:\n" + output);
            assertNotEquals(0, exit, output);
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
