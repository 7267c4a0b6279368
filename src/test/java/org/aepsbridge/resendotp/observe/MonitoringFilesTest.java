package org.aepsbridge.resendotp.observe;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.OutputHygiene;
import org.aepsbridge.resendotp.support.PrometheusText;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the PrometheusRule (k8s/overlays/production) read only what the
 * bundle really exposes: after REST requests, a CSV file and a JMS dead letter have made
 * every series, each metric name and each label name in the dashboard's queries and the
 * alerts' expressions is looked up in a real /q/metrics scrape. A renamed metric or label
 * fails here, not on the pager. And the series the alerts need that only this bundle can
 * show (dead letters, circuit state, readiness) count what they say.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
@QuarkusTestResource(ArtemisTestBroker.class)
class MonitoringFilesTest {

    static final Path PRODUCTION = Path.of("k8s", "overlays", "production");
    static final Path DASHBOARD = PRODUCTION.resolve("grafana-dashboard.json");
    static final Path RULES = PRODUCTION.resolve("prometheus-rule.yaml");
    /**
     * Labels Prometheus gives every series from its scrape target (the ServiceMonitor's
     * endpoint and pod), not the bundle: no scrape of the bundle shows them.
     */
    static final Set<String> TARGET_LABELS =
            Set.of("namespace", "pod", "service", "endpoint", "container", "job", "instance");

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ConfigProperty(name = "aopay.file.inbox")
    Path inbox;

    @ConfigProperty(name = "aopay.file.outbox")
    Path outbox;

    @ConfigProperty(name = "aopay.jms.dlq")
    String dlq;

    static String scrapeText() {
        return MetricsTest.scrapeText();
    }

    @Test
    void everyMetricAndLabelTheDashboardAndTheAlertsReadIsInTheScrape() throws Exception {
        // the series only traffic makes: results by channel, client and outcome; AOPay's call time;
        // CSV rows; REST calls refused for their credential
        given().contentType(ContentType.JSON)
                .body(TestData.request("AOP-554"))
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(TestData.request("AOP-554"))
                .header("X-API-Key", "not-a-key")
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(401);
        String stem = "monitoring-" + System.nanoTime();
        Path staging = inbox.resolveSibling(stem + ".staging");
        Files.createDirectories(inbox);
        Files.writeString(
                staging,
                "Userkey,Mobile,AdhaarNumber,PrimaryKeyId,EncodeTxnId,RegistrationID\n" + "AOP554N3X," + TestData.MOBILE
                        + "," + TestData.AADHAAR + ",M-1,DEMO,AOP-554\n",
                StandardCharsets.UTF_8);
        Files.move(staging, inbox.resolve(stem + ".csv"));
        Path result = outbox.resolve(stem + ".result.csv");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(result));

        String text = scrapeText();
        OutputHygiene.capture("metrics", "MonitoringFilesTest", text);
        Map<String, Set<String>> families = PromQlSelectors.labelsByFamily(PrometheusText.parse(text));

        List<String> problems = new ArrayList<>();
        Set<String> read = new TreeSet<>();
        List<String> dashboard = dashboardQueries();
        List<String> alerts = alertExpressions();
        assertTrue(dashboard.size() >= 20, "the dashboard's queries were not found: " + dashboard.size());
        assertTrue(alerts.size() >= 9, "the alerts' expressions were not found: " + alerts.size());
        for (String query : dashboard) {
            check("dashboard", PromQlSelectors.ofGrafanaQuery(asPromQl(query)), query, families, read, problems);
        }
        for (String expr : alerts) {
            check("alert", PromQlSelectors.of(expr), expr, families, read, problems);
        }
        assertTrue(
                problems.isEmpty(),
                "the monitoring files read what /q/metrics does not have:\n" + String.join("\n", problems));
        // what the issue asks of the dashboard and the alerts: every one of these is read
        assertTrue(
                read.containsAll(Set.of(
                        "aopay_resend_requests_total",
                        "aopay_call_seconds_bucket",
                        "aopay_call_retries_total",
                        "aopay_circuit_state",
                        "aopay_csv_rows_total",
                        "aopay_csv_files_total",
                        "aopay_jms_dead_letters_total",
                        "aopay_csv_drop_folder_leader",
                        "aopay_ready")),
                "metrics read: " + read);
    }

    /** Grafana's variables are replaced as Grafana does before it sends a query. */
    static String asPromQl(String query) {
        return query.replace("$__rate_interval", "1m").replace("${datasource}", "prometheus");
    }

    static void check(
            String where,
            PromQlSelectors.Reads reads,
            String expr,
            Map<String, Set<String>> families,
            Set<String> read,
            List<String> problems) {
        assertTrue(!reads.selectors().isEmpty(), where + " expression selects nothing: " + expr);
        Set<String> labelsOfItsMetrics = new LinkedHashSet<>(TARGET_LABELS);
        for (PromQlSelectors.Selector selector : reads.selectors()) {
            read.add(selector.metric());
            Set<String> labels = families.get(selector.metric());
            if (labels == null) {
                problems.add(where + ": no metric " + selector.metric() + " in the scrape, in: " + expr);
                continue;
            }
            labelsOfItsMetrics.addAll(labels);
            for (String label : selector.labels()) {
                if (!labels.contains(label) && !TARGET_LABELS.contains(label)) {
                    problems.add(where + ": " + selector.metric() + " has no label " + label + " (it has " + labels
                            + "), in: " + expr);
                }
            }
        }
        for (String label : reads.groupingLabels()) {
            if (!labelsOfItsMetrics.contains(label)) {
                problems.add(
                        where + ": no metric of the expression has the label " + label + " it groups by, in: " + expr);
            }
        }
    }

    /** Every panel target's expr and every query variable's query in the dashboard JSON. */
    static List<String> dashboardQueries() throws Exception {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                queries.add(query.isObject() ? query.path("query").asText() : query.asText());
            }
        }
        queries.forEach(q -> assertTrue(!q.isBlank(), "a dashboard query is empty"));
        return queries;
    }

    /** Every rule's expr in the PrometheusRule. */
    static List<String> alertExpressions() throws Exception {
        JsonNode rule = YAML.readTree(RULES.toFile());
        assertEquals("PrometheusRule", rule.path("kind").asText());
        List<String> exprs = new ArrayList<>();
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode each : group.path("rules")) {
                exprs.add(each.path("expr").asText());
            }
        }
        return exprs;
    }

    @Test
    void aMessageOnTheDeadLetterQueueIsCountedOnce() throws Exception {
        double before = PrometheusText.sum(PrometheusText.parse(scrapeText()), "aopay_jms_dead_letters_total");
        try (JMSContext jms = new ActiveMQConnectionFactory(
                        ArtemisTestBroker.coreUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)
                .createContext()) {
            String id = UUID.randomUUID().toString();
            TextMessage poison = jms.createTextMessage("this is not JSON");
            poison.setJMSCorrelationID(id);
            jms.createProducer().send(jms.createQueue("aopay.resendotp.requests"), poison);
            Message dead = jms.createConsumer(jms.createQueue(dlq), "JMSCorrelationID = '" + id + "'")
                    .receive(15_000);
            assertNotNull(dead, "the message that is not JSON reached the DLQ");
        }
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertEquals(
                        before + 1,
                        PrometheusText.sum(PrometheusText.parse(scrapeText()), "aopay_jms_dead_letters_total")));
    }

    @Test
    void circuitStateAndReadinessAreWhatTheHealthEndpointSays() {
        String circuit = Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .extract()
                .path("checks.find { it.name == 'aopay-circuit' }.data.state");
        Map<String, Double> scrape = PrometheusText.parse(scrapeText());
        for (String state : OperationsGauges.CIRCUIT_STATES) {
            assertEquals(
                    state.equals(circuit) ? 1.0 : 0.0,
                    scrape.get("aopay_circuit_state{state=\"" + state + "\"}"),
                    "aopay_circuit_state for " + state + " while the health check says " + circuit);
        }
        assertEquals(1.0, scrape.get("aopay_ready"), "readiness is UP (200)");
        // the counters the alerts watch exist from the start, so their first increase is seen
        assertNotNull(scrape.get("aopay_csv_files_total{result=\"error\"}"));
        assertNotNull(scrape.get("aopay_jms_dead_letters_total"));
    }

    @Test
    void theExtractorFindsEveryMetricAndLabel() {
        PromQlSelectors.Reads reads = PromQlSelectors.of(
                "sum by (namespace, channel) (rate(aopay_resend_requests_total"
                        + "{outcome=\"ERROR\", client=~\"a|b\"}[10m] offset 5m)) / ignoring(x) sum(aopay_call_seconds_bucket) > 0.05"
                        + " or absent(aopay_csv_drop_folder_leader) and histogram_quantile(0.99, sum by (le) (rate(aopay_call_seconds_bucket[1m])))");
        assertEquals(
                List.of(
                        new PromQlSelectors.Selector("aopay_resend_requests_total", Set.of("outcome", "client")),
                        new PromQlSelectors.Selector("aopay_call_seconds_bucket", Set.of()),
                        new PromQlSelectors.Selector("aopay_csv_drop_folder_leader", Set.of()),
                        new PromQlSelectors.Selector("aopay_call_seconds_bucket", Set.of())),
                reads.selectors());
        assertEquals(Set.of("namespace", "channel", "x", "le"), reads.groupingLabels());
        assertEquals(
                List.of(new PromQlSelectors.Selector("aopay_resend_requests_total", Set.of("channel", "client"))),
                PromQlSelectors.ofGrafanaQuery(
                                "label_values(aopay_resend_requests_total{channel=~\"$channel\"}, client)")
                        .selectors());
    }
}
