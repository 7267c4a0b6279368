package org.aepsbridge.resendotp.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The management interface of the application under test (health and metrics), whose port
 * is not the API's: {@code Management.given().get("/q/metrics")}. In {@code @QuarkusTest}s
 * the port is the one Quarkus chose for {@code quarkus.management.test-port=0}.
 */
public final class Management {

    private Management() {
    }

    public static String baseUri() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return "http://localhost:" + port;
    }

    /** A RestAssured request to the management port. */
    public static RequestSpecification given() {
        return io.restassured.RestAssured.given().baseUri("http://localhost").port(port());
    }

    static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }
}
