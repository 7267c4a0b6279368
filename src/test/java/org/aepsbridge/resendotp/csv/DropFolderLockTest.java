package org.aepsbridge.resendotp.csv;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.Management;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.master.MasterConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Scale-out in the single-process default: the drop folder is polled through Camel's
 * {@code master:} endpoint, and a lone replica becomes its leader with no setup at all.
 * (Two processes on one folder, and failover: DropFolderFailoverIT.)
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
class DropFolderLockTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    CamelContext camel;

    @ConfigProperty(name = "aopay.cluster.lock-folder")
    Path lockFolder;

    @ConfigProperty(name = "aopay.file.inbox")
    Path inbox;

    @ConfigProperty(name = "aopay.file.outbox")
    Path outbox;

    @Test
    void theDropFolderIsPolledThroughTheMasterEndpoint() {
        Route intake = camel.getRoute("csv-intake");
        assertTrue(
                intake.getEndpoint().getEndpointUri().startsWith("master:" + DropFolderLock.NAMESPACE + ":file:"),
                intake.getEndpoint().getEndpointUri());
        assertInstanceOf(MasterConsumer.class, intake.getConsumer());
    }

    @Test
    void aLoneReplicaBecomesTheLeaderAndSaysSo() {
        MasterConsumer consumer = (MasterConsumer) camel.getRoute("csv-intake").getConsumer();
        await().atMost(WAIT).until(consumer::isMaster);
        assertTrue(
                Files.exists(lockFolder.resolve(DropFolderLock.NAMESPACE)),
                "the lock file lives in aopay.cluster.lock-folder");
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'csv-drop-folder' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'csv-drop-folder' }.data.leader", equalTo(true));
        Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(matchesPattern("(?s).*\naopay_csv_drop_folder_leader(\\{[^}]*\\})? 1\\.0\n.*"));
    }

    @Test
    void theLeaderConsumesDroppedFiles() throws Exception {
        String stem = CsvChannelTest.unique("leader");
        Files.createDirectories(inbox);
        Path staging = inbox.resolveSibling(stem + ".csv.staging");
        Files.writeString(
                staging,
                CsvChannelTest.HEADER + "\n" + CsvChannelTest.row(stem + "-1", "AOP-554") + "\n",
                StandardCharsets.UTF_8);
        Files.move(staging, inbox.resolve(stem + ".csv"));
        Path result = outbox.resolve(stem + ".result.csv");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(result));
        assertEquals("SUCCESS", CsvChannelTest.rows(result).get(0).get("outcome"));
    }
}
