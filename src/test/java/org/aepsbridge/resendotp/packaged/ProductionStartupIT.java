package org.aepsbridge.resendotp.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.Test;

/** The packaged application in production mode (no profile): no sandbox, and no start without its required settings. */
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
