package org.aepsbridge.resendotp.observe;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.OwnFolders;
import org.aepsbridge.resendotp.support.PrometheusText;
import org.junit.jupiter.api.Test;

/**
 * Readiness goes DOWN (HTTP 503, so Kubernetes takes the pod out of its Service) when the
 * drop folder cannot be worked or the JMS broker cannot be reached, and names which.
 */
@QuarkusTest
@TestProfile(ReadinessDownTest.InboxIsAFile.class)
class ReadinessDownTest {

    static final Path NOT_A_FOLDER = Path.of("target", "test-files", "inbox-is-a-regular-file");

    /** The inbox setting points at a regular file: the kind of mistake a wrong volume mount makes. */
    public static class InboxIsAFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(NOT_A_FOLDER.getParent());
                Files.writeString(NOT_A_FOLDER, "not a folder");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return OwnFolders.with("inbox-is-a-file", Map.of("aopay.file.inbox", NOT_A_FOLDER.toString()));
        }
    }

    @Test
    void inboxThatIsNotAWritableFolderTakesThePodOutOfService() {
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'aopay-inbox' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'aopay-inbox' }.data.path", equalTo(NOT_A_FOLDER.toString()))
                .body("checks.find { it.name == 'aopay-inbox' }.data.state", equalTo("is not a directory"))
                .body("checks.find { it.name == 'aopay-circuit' }.status", equalTo("UP"));
        // what the readiness-flapping alert watches: 0 while readiness is DOWN (MonitoringFilesTest sees 1 while UP)
        String scrape = Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(0.0, PrometheusText.parse(scrape).get("aopay_ready"), "aopay_ready while DOWN");
    }

    @Test
    void brokerThatIsStoppedIsReportedDownAndUpAgainOnceBack() throws Exception {
        String brokerCheck = "checks.find { it.name == '" + ReadinessTest.BROKER_CHECK + "' }";
        Management.given().get("/q/health/ready").then().body(brokerCheck + ".status", equalTo("UP"));
        ArtemisTestBroker.stopBroker();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> Management.given()
                            .get("/q/health/ready")
                            .then()
                            .statusCode(503)
                            .body(brokerCheck + ".status", equalTo("DOWN"))
                            .body(brokerCheck + ".data.'<default>'", startsWith("DOWN")));
        } finally {
            ArtemisTestBroker.startBroker();
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() ->
                        Management.given().get("/q/health/ready").then().body(brokerCheck + ".status", equalTo("UP")));
    }
}
