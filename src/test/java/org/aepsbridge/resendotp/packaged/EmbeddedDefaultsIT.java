package org.aepsbridge.resendotp.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigMappingInterface;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.aepsbridge.resendotp.support.SettingsMappings;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The README's run command: the packaged application on its embedded defaults answers
 * end to end through the built-in AOPay sandbox, with no outside service.
 */
class EmbeddedDefaultsIT {

    /** The README's development client of the embedded broker (application.properties, embedded profile). */
    static final String DEV_CLIENT = "dev-client";

    static final String DEV_CLIENT_PASSWORD = "dev-client-password-not-a-secret";

    @Test
    void readmeRequestGetsSuccessFromTheBuiltInSandbox() throws Exception {
        try (PackagedApp app = PackagedApp.start("embedded", "-Dquarkus.profile=embedded")) {
            assertTrue(app.waitUntilReady(Duration.ofSeconds(60)), app::output);
            HttpResponse<String> ok = app.post("/api/v1/resend-otp", TestData.request("AOP-554"));
            assertEquals(200, ok.statusCode(), ok.body());
            assertTrue(ok.body().contains("\"outcome\":\"SUCCESS\""), ok.body());
            assertTrue(ok.body().contains("\"responseCode\":1"), ok.body());

            HttpResponse<String> unknown = app.post("/api/v1/resend-otp", TestData.request("AOP-000"));
            assertEquals(422, unknown.statusCode(), unknown.body());
            assertTrue(unknown.body().contains("\"outcome\":\"FAILED\""), unknown.body());
        }
    }

    /** The development client's key, as the README's curl example carries it. */
    static final String README_KEY = "f6623f674e191a6cb53cc3c66a624e4057143f644c3fcec2496defa545510b6c";

    @Test
    void theReadmesKeyIsTheDevelopmentClientAndTheApiListensOnLoopbackOnly() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        assertTrue(
                readme.contains("-H 'X-API-Key: " + README_KEY + "'"), "the README's curl carries the development key");
        int broker = PackagedApp.freePort(); // not 61616: a bundle started as the README says may hold it
        try (PackagedApp app = PackagedApp.start(
                "embedded-dev-key",
                "-Dquarkus.profile=embedded",
                "-Daopay.jms.embedded-broker.port=" + broker,
                "-Daopay.jms.broker-url=tcp://localhost:" + broker,
                "-Daopay.security.open-behind-gateway=false")) { // no test client: the profile's own
            assertTrue(app.waitUntilReady(Duration.ofSeconds(60)), app::output);
            HttpResponse<String> ok = app.post("/api/v1/resend-otp", TestData.request("AOP-554"), README_KEY);
            assertEquals(200, ok.statusCode(), ok.body());
            assertTrue(ok.body().contains("\"client\":\"dev\""), ok.body());
            HttpResponse<String> keyless = app.post("/api/v1/resend-otp", TestData.request("AOP-554"), null);
            assertEquals(401, keyless.statusCode(), keyless.body());
            assertTrue(app.output().contains("Listening on: http://127.0.0.1:" + app.port), app.output());
            assertTrue(
                    app.output().contains("Management interface listening on http://127.0.0.1:" + app.managementPort),
                    app.output());
        }
    }

    /**
     * The README's run command puts the embedded broker on localhost:61616: as configured (the
     * embedded profile in application.properties, over the settings' defaults). Read, not run
     * there: a bundle started as the README says may hold that very port on this machine.
     */
    @Test
    void theEmbeddedProfilePutsTheBrokerOnLocalhost61616() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = EmbeddedDefaultsIT.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        Map<String, ConfigMappingInterface.Property> settings = SettingsMappings.properties();
        assertEquals("true", embedded(properties, settings, "aopay.jms.embedded-broker.enabled"));
        assertEquals("localhost", embedded(properties, settings, "aopay.jms.embedded-broker.host"));
        assertEquals("61616", embedded(properties, settings, "aopay.jms.embedded-broker.port"));
        assertEquals("tcp://localhost:61616", embedded(properties, settings, "aopay.jms.broker-url"));
    }

    /** A setting's value under the embedded profile: its %embedded line, its plain line, or the setting's default. */
    static String embedded(Properties properties, Map<String, ConfigMappingInterface.Property> settings, String name) {
        String value = properties.getProperty("%embedded." + name, properties.getProperty(name));
        if (value == null && settings.containsKey(name)) {
            ConfigMappingInterface.Property setting = settings.get(name);
            value = setting.hasDefaultValue() ? setting.getDefaultValue() : null;
        }
        return value;
    }

    /** The embedded broker serves JMS clients where it is configured to listen (a free port here, 61616 by default). */
    @Test
    void embeddedBrokerAnswersJmsClientsWhereItListens() throws Exception {
        int broker = PackagedApp.freePort();
        try (PackagedApp app = PackagedApp.start(
                "embedded-jms",
                "-Dquarkus.profile=embedded",
                "-Daopay.jms.embedded-broker.port=" + broker,
                "-Daopay.jms.broker-url=tcp://localhost:" + broker)) {
            assertTrue(app.waitUntilReady(Duration.ofSeconds(60)), app::output);
            // the README's development client
            try (JMSContext jms = new ActiveMQConnectionFactory(
                            "tcp://localhost:" + broker, DEV_CLIENT, DEV_CLIENT_PASSWORD)
                    .createContext()) {
                TextMessage request = jms.createTextMessage(TestData.request("AOP-554"));
                request.setJMSCorrelationID("embedded-" + System.nanoTime());
                jms.createProducer().send(jms.createQueue("aopay.resendotp.requests"), request);
                Message result = jms.createConsumer(
                                jms.createQueue("aopay.resendotp.success"),
                                "JMSCorrelationID = '" + request.getJMSCorrelationID() + "'")
                        .receive(20_000);
                assertTrue(result != null, "no result on aopay.resendotp.success:\n" + app.output());
                assertTrue(
                        result.getBody(String.class).contains("\"outcome\":\"SUCCESS\""), result.getBody(String.class));
                assertEquals(
                        DEV_CLIENT,
                        result.getStringProperty("client"),
                        "the client is the user the broker authenticated");
            }
            // nobody gets in without the broker's credentials
            assertThrows(
                    JMSSecurityRuntimeException.class,
                    () -> new ActiveMQConnectionFactory("tcp://localhost:" + broker)
                            .createContext()
                            .close());
            assertThrows(
                    JMSSecurityRuntimeException.class,
                    () -> new ActiveMQConnectionFactory("tcp://localhost:" + broker, DEV_CLIENT, "wrong")
                            .createContext()
                            .close());
        }
    }

    @Test
    void theEmbeddedBrokerDoesNotStartWithoutTheBundlesOwnCredentials() throws Exception {
        try (PackagedApp app = PackagedApp.start(
                "embedded-no-broker-password",
                "-Dquarkus.profile=embedded",
                "-Daopay.jms.embedded-broker.port=" + PackagedApp.freePort(),
                "-Daopay.jms.password=")) {
            int exit = app.waitForExit(Duration.ofSeconds(60));
            assertTrue(exit > 0, "start-up must fail, exit " + exit + ":\n" + app.output());
            assertTrue(
                    app.output().contains("The embedded broker authenticates every connection: set aopay.jms.password"),
                    app.output());
        }
    }

    @Test
    void sandboxAnswersAWrongKeyWithAopays401() throws Exception {
        try (PackagedApp app = PackagedApp.start(
                "embedded-wrong-key", "-Dquarkus.profile=embedded", "-Daopay.auth.api-key=wrong-key-7f3a")) {
            assertTrue(app.waitUntilReady(Duration.ofSeconds(60)), app::output);
            HttpResponse<String> r = app.post("/api/v1/resend-otp", TestData.request("AOP-554"));
            assertEquals(502, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"outcome\":\"UNAUTHORIZED\""), r.body());
            assertTrue(r.body().contains("Invalid signature encoding"), r.body());
            assertFalse(app.output().contains("wrong-key-7f3a"), "the key must not be logged");
        }
    }
}
