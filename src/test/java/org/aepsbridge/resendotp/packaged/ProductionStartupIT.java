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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged application in production mode (no profile): no sandbox, no embedded broker,
 * and no start without its required settings, each missing one named (README, Configuration:
 * "missing required settings stop start-up with one clear message naming them").
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
    void aSharedStateStoreWithoutItsDatabaseOrIdentityKeyStopsStartUpNamingWhatIsMissing(String missing) throws Exception {
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

    @Test
    void noSandboxAndNoEmbeddedBrokerInProduction() throws Exception {
        int brokerPort = PackagedApp.freePort();
        List<String> settings = new ArrayList<>();
        REQUIRED.forEach((key, value) -> settings.add("-D" + key + "=" + value));
        // Where an embedded broker would listen if production started one
        settings.add("-Daopay.jms.embedded-broker.port=" + brokerPort);
        try (PackagedApp app = PackagedApp.start("prod-configured", settings.toArray(String[]::new))) {
            assertTrue(app.waitUntilStarted(Duration.ofSeconds(60)), app::output);
            HttpResponse<String> sandbox = app.post("/sandbox/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP", TestData.request("AOP-554"));
            assertEquals(404, sandbox.statusCode(), sandbox.body());
            assertThrows(ConnectException.class, () -> {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress("127.0.0.1", brokerPort), 5_000);
                }
            }, "something listens on the embedded broker's port in production:\n" + app.output());
            assertFalse(Files.exists(app.workingDir().resolve("data/broker")), "an embedded broker journal was created in production");
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
