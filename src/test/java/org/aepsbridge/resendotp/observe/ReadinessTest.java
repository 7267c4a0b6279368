package org.aepsbridge.resendotp.observe;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.Management;
import org.junit.jupiter.api.Test;

/**
 * Readiness names what the bundle needs to serve: the JMS broker (quarkus-artemis' own
 * check, which opens a connection), the CSV inbox (exists, writable), the AOPay circuit
 * breaker's state, and Camel's context, routes and consumers. Each is UP on a healthy start.
 */
@QuarkusTest
class ReadinessTest {

    static final String BROKER_CHECK = "Artemis JMS health check";

    @Test
    void readinessReportsBrokerInboxAndCircuitEachUp() {
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == '" + BROKER_CHECK + "' }.status", equalTo("UP"))
                .body("checks.find { it.name == '" + BROKER_CHECK + "' }.data.'<default>'", equalTo("UP"))
                .body("checks.find { it.name == 'aopay-inbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'aopay-inbox' }.data.path", equalTo("target/test-files/inbox"))
                .body("checks.find { it.name == 'aopay-inbox' }.data.state", equalTo("writable"))
                .body("checks.find { it.name == 'aopay-circuit' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'aopay-circuit' }.data.state", equalTo("CLOSED"))
                .body("checks.find { it.name == 'camel-routes' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'camel-consumers' }.status", equalTo("UP"))
                // no broker address, user or password in what anyone may read
                .body(not(containsString(ArtemisTestBroker.coreUrl())))
                .body(not(containsString("test-api-key")));
    }

    @Test
    void livenessIsUpAndDoesNotDependOnPeers() {
        Management.given()
                .get("/q/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem(BROKER_CHECK)))
                .body("checks.name", not(hasItem("aopay-inbox")));
    }
}
