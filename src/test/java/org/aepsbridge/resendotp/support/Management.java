package org.aepsbridge.resendotp.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The management interface of the application under test (health and metrics), whose port
 * is not the API's: {@code Management.given().get("/q/metrics")}. In {@code @QuarkusTest}s
 * it is the port Quarkus chose for {@code quarkus.management.test-port=0}; against the
 * packaged application ({@code @QuarkusIntegrationTest}, which reports only its HTTP port)
 * it is read from the application's own "Management interface listening on" line in the
 * test profile's log file (target/application-test.log), whose last start is the packaged one.
 */
public final class Management {

    static final String LISTENING = "Management interface listening on http://";

    private Management() {}

    public static String baseUri() {
        return "http://localhost:" + port();
    }

    /** A RestAssured request to the management port. */
    public static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().baseUri("http://localhost").port(port());
    }

    static int port() {
        int port = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(0);
        return port > 0 ? port : portOfThePackagedApplication();
    }

    private static int portOfThePackagedApplication() {
        try {
            Path file = Path.of(ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.log.file.path", String.class)
                    .orElse("target/application-test.log"));
            String log = Files.readString(file, StandardCharsets.UTF_8);
            int at = log.lastIndexOf(LISTENING);
            if (at < 0) {
                throw new IllegalStateException("no management port in " + file);
            }
            String address =
                    log.substring(at + LISTENING.length()).lines().findFirst().orElseThrow();
            String port = address.substring(address.lastIndexOf(':') + 1).replaceAll("[^0-9].*$", "");
            return Integer.parseInt(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
