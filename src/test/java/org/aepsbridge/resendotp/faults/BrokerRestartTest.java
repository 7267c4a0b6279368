package org.aepsbridge.resendotp.faults;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.aepsbridge.resendotp.jms.JmsSettings;
import org.aepsbridge.resendotp.support.AopayJournal;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The broker restarts under JMS load: {@value #REQUESTS} persistent requests are queued,
 * the broker is stopped while the bundle works through them (AOPay answering after 60 ms,
 * stub AOP-LOAD) and started again on the same port with the same journal. The bundle
 * reconnects by itself, and every request ends with exactly one result on the outcome
 * queues: none lost, none twice, nothing on the DLQ, the requests queue empty.
 *
 * <p>Nothing needs setting for the reconnect: Camel's JMS consumer (Spring's listener
 * container) tries again every {@code recoveryInterval} (5 s) until the broker is back,
 * through the pooled connection factory, which drops the broken connection.
 *
 * <p>A request whose transaction the outage rolled back is delivered again; its message id
 * was claimed (jmsClaims) and its result stored before the result could not be sent, so
 * the redelivery gets that result without reaching AOPay again: every request reaches
 * AOPay exactly once. (Before the claims, 2-4 requests a run reached AOPay twice.)
 */
@QuarkusTest
class BrokerRestartTest {

    static final int REQUESTS = 300;
    /** The broker stays away at least this long (the readiness probes during it may take longer). */
    static final Duration OUTAGE = Duration.ofSeconds(3);

    static final Duration WAIT = Duration.ofSeconds(120);
    static final ObjectMapper JSON = new ObjectMapper();

    @AopayStandIn.Inject
    WireMockServer aopay;

    /** The application's own settings: queue names, consumers. */
    @Inject
    JmsSettings settings;

    @Test
    void brokerRestartMidLoadLosesNothingAndTheBundleReconnects() throws Exception {
        String run = "restart-" + System.nanoTime() + "-";
        JmsSettings queues = settings;
        String requestsQueue = queues.requestsQueue();
        String successQueue = queues.successQueue();
        int consumers = queues.concurrentConsumers();
        aopay.resetRequests();
        ActiveMQConnectionFactory client = new ActiveMQConnectionFactory(
                ArtemisTestBroker.coreUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD);

        try (JMSContext jms = client.createContext()) {
            JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < REQUESTS; i++) {
                TextMessage request = jms.createTextMessage(request(run, i));
                request.setJMSCorrelationID(run + i);
                producer.send(jms.createQueue(requestsQueue), request);
            }
        }

        // --- The broker goes away part-way ---------------------------------------------------------
        AopayJournal.awaitOrFail(
                WAIT, () -> calls(run) >= REQUESTS / 3, () -> "AOPay saw only " + calls(run) + " requests");
        int callsAtStop = calls(run);
        ArtemisTestBroker.stopBroker();
        long stopped = System.nanoTime();
        List<String> readinessDuringOutage = new ArrayList<>();
        Response restDuringOutage;
        long restMs;
        int callsDuringOutage;
        try {
            do {
                readinessDuringOutage.add(readiness());
                Thread.sleep(500);
            } while (System.nanoTime() - stopped < OUTAGE.toNanos());
            // REST needs no broker: it answers as ever while the broker is away
            long posted = System.nanoTime();
            restDuringOutage = given().contentType("application/json")
                    .body(TestData.request("AOP-554"))
                    .post("/api/v1/resend-otp");
            restMs = Duration.ofNanos(System.nanoTime() - posted).toMillis();
            callsDuringOutage = calls(run) - callsAtStop;
        } finally {
            // The broker is shared by every later test class: it comes back whatever happened here
            ArtemisTestBroker.startBroker();
        }
        long restarted = System.nanoTime();
        long outageMs = Duration.ofNanos(restarted - stopped).toMillis();
        AopayJournal.awaitOrFail(
                WAIT,
                () -> calls(run) > callsAtStop + callsDuringOutage,
                () -> "the bundle never resumed calling AOPay after the broker restart; readiness " + readiness());
        long reconnectMs = Duration.ofNanos(System.nanoTime() - restarted).toMillis();

        // --- Every result, from every queue a result or a dead letter can land on --------------------
        Map<String, List<String>> results = new TreeMap<>();
        try (JMSContext jms = client.createContext()) {
            String selector = "JMSCorrelationID LIKE '" + run + "%'";
            Map<String, JMSConsumer> outcomeQueues = new TreeMap<>();
            for (String queue : List.of(
                    successQueue, queues.failedQueue(), queues.rejectedQueue(), queues.errorQueue(), queues.dlq())) {
                outcomeQueues.put(queue, jms.createConsumer(jms.createQueue(queue), selector));
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while ((results.size() < REQUESTS || ArtemisTestBroker.messageCount(requestsQueue) > 0)
                    && System.nanoTime() < deadline) {
                collect(outcomeQueues, results, 100);
            }
            // All requests are consumed and committed: a second result for any would be here by now.
            collect(outcomeQueues, results, 1_000);
        }
        String readinessAfter = readiness();

        Set<String> expected =
                IntStream.range(0, REQUESTS).mapToObj(i -> run + i).collect(Collectors.toCollection(TreeSet::new));
        List<String> missing =
                expected.stream().filter(id -> !results.containsKey(id)).toList();
        List<String> twice = results.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " " + e.getValue())
                .toList();
        List<String> notSuccess = results.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(r -> !r.equals(successQueue + " SUCCESS")))
                .map(e -> e.getKey() + " " + e.getValue())
                .toList();
        Map<String, Long> sends = AopayJournal.sendsPerPrimaryKeyId(aopay).entrySet().stream()
                .filter(e -> e.getKey().startsWith(run))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        List<String> neverSent =
                expected.stream().filter(id -> !sends.containsKey(id)).toList();
        Map<String, Long> sentAgain = sends.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));

        System.out.printf(
                "BrokerRestartTest: %d requests, %d consumers; AOPay calls at broker stop: %d, during the %d ms outage: %d;"
                        + " bundle calling AOPay again %d ms after the restart; AOPay calls in all: %d;"
                        + " requests sent to AOPay twice: %d %s; results: %d;"
                        + " readiness during the outage: %s, after: %s; REST during the outage: %d in %d ms%n",
                REQUESTS,
                consumers,
                callsAtStop,
                outageMs,
                callsDuringOutage,
                reconnectMs,
                calls(run),
                sentAgain.size(),
                sentAgain,
                results.values().stream().mapToInt(List::size).sum(),
                readinessDuringOutage,
                readinessAfter,
                restDuringOutage.statusCode(),
                restMs);

        assertAll(
                () -> assertEquals(
                        200, restDuringOutage.statusCode(), "REST during the outage: " + restDuringOutage.asString()),
                () -> assertTrue(missing.isEmpty(), missing.size() + " requests without a result: " + missing),
                () -> assertTrue(twice.isEmpty(), "requests with more than one result: " + twice),
                () -> assertTrue(
                        notSuccess.isEmpty(), "results that are not SUCCESS on the success queue: " + notSuccess),
                () -> assertEquals(0, ArtemisTestBroker.messageCount(requestsQueue), "the requests queue ends empty"),
                () -> assertTrue(neverSent.isEmpty(), "requests AOPay never received: " + neverSent),
                // a redelivered request gets its first result back: AOPay never sees it again
                () -> assertTrue(sentAgain.isEmpty(), "requests sent to AOPay more than once: " + sentAgain),
                // quarkus-artemis' own readiness check shows the outage (the pod leaves its Service meanwhile)
                () -> assertTrue(
                        readinessDuringOutage.stream().allMatch(r -> r.startsWith("503") && r.contains("Artemis")),
                        "not ready while the broker is away: " + readinessDuringOutage),
                () -> assertTrue(readinessAfter.startsWith("200"), "ready again after the restart: " + readinessAfter));
    }

    int calls(String run) {
        try {
            return (int) AopayJournal.sendsPerPrimaryKeyId(aopay).entrySet().stream()
                    .filter(e -> e.getKey().startsWith(run))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Request i of this run: its PrimaryKeyId is its correlation id, so AOPay's journal names it. */
    static String request(String run, int i) {
        return """
                {"Userkey":"AOP554N3X","Mobile":%s,"AdhaarNumber":"%s","PrimaryKeyId":"%s","EncodeTxnId":"DEMO","RegistrationID":"AOP-LOAD"}""".formatted(TestData.MOBILE, TestData.AADHAAR, run + i);
    }

    static void collect(Map<String, JMSConsumer> queues, Map<String, List<String>> results, long waitMs)
            throws Exception {
        for (Map.Entry<String, JMSConsumer> queue : queues.entrySet()) {
            for (Message m = queue.getValue().receive(waitMs);
                    m != null;
                    m = queue.getValue().receiveNoWait()) {
                JsonNode result = JSON.readTree(m.getBody(String.class));
                results.computeIfAbsent(m.getJMSCorrelationID(), id -> new ArrayList<>())
                        .add(queue.getKey() + " " + result.path("outcome").asText());
            }
        }
    }

    /** The readiness status, which checks are down, and how long the answer took. */
    static String readiness() {
        long asked = System.nanoTime();
        Response r = Management.given().get("/q/health/ready");
        List<String> down = r.jsonPath().getList("checks.findAll { it.status == 'DOWN' }.name");
        return r.statusCode() + (down == null || down.isEmpty() ? "" : " down:" + down) + " in "
                + Duration.ofNanos(System.nanoTime() - asked).toMillis() + " ms";
    }
}
