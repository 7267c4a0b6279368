package org.aepsbridge.resendotp.jms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.aepsbridge.resendotp.packaged.PackagedApp;
import org.aepsbridge.resendotp.support.AopayJournal;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.FreePorts;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Crash safety of the JMS channel, for real: a real ActiveMQ Artemis broker over TCP in
 * this JVM, WireMock as a slow AOPay, and the packaged application (production profile)
 * killed with {@code kill -9} while requests are on their way to AOPay, then started
 * again. Consumption is transacted, so a request in flight when the consumer dies is
 * redelivered, not lost: every request ends with exactly one result, nothing on the DLQ,
 * and the requests queue ends empty. Each message id was claimed (jmsClaims) before its
 * request went to AOPay, so a redelivered request in flight at the kill is not sent again:
 * it ends ERROR/INTERRUPTED on the error queue ("may have been sent"), every other one
 * SUCCESS, and AOPay receives every request exactly once.
 */
class JmsCrashIT {

    static final int REQUESTS = 12;
    static final int CONSUMERS = 4;
    static final String REQUESTS_QUEUE = "aopay.resendotp.requests";
    static final String SUCCESS_QUEUE = "aopay.resendotp.success";
    static final String DLQ = "aopay.resendotp.dlq";
    /** Every queue a result or a dead letter can land on besides the success queue. */
    static final String ERROR_QUEUE = "aopay.resendotp.error";

    static final List<String> OTHER_QUEUES = List.of(DLQ, "aopay.resendotp.failed", "aopay.resendotp.rejected");
    static final String RESEND_PATH = "/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP";
    static final String SUCCESS_BODY = """
            {"status":true,"msg":"OTP Resend Request Completed","data":{"message":"OTP Resend Request Completed",\
            "response_code":1,"error_code":0,"data":{"primaryKeyId":"TEST","encodeTxnId":"DEMO"}},"statusCode":200}""";
    /** AOPay answers this late: long enough to kill the bundle mid-call, well under its 10 s response timeout. */
    static final int AOPAY_DELAY_MS = 2_000;

    static final Duration STARTUP = Duration.ofSeconds(60);
    static final Duration RESULTS = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    /** The broker's audit log (a line per consumer, queue and connection) is noise here; held so the level sticks. */
    static final java.util.logging.Logger BROKER_AUDIT = quiet("org.apache.activemq.audit");

    static java.util.logging.Logger quiet(String category) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(category);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    Path root;
    int brokerPort;
    EmbeddedActiveMQ broker;
    WireMockServer aopay;

    @BeforeEach
    void brokerAndStandIn() throws Exception {
        root = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "jms-crash-")
                .toAbsolutePath();
        brokerPort = freePort();
        broker = EmbeddedBroker.start("127.0.0.1", brokerPort, root.resolve("broker"), BrokerUsers.access());

        aopay = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
        aopay.start();
        aopay.stubFor(post(urlPathEqualTo(RESEND_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(SUCCESS_BODY)
                        .withFixedDelay(AOPAY_DELAY_MS)));
    }

    @AfterEach
    void stopBrokerAndStandIn() throws Exception {
        try {
            if (aopay != null) {
                aopay.stop();
            }
        } finally {
            if (broker != null) {
                broker.stop();
            }
        }
    }

    /** The same settings for both runs: one broker, one AOPay stand-in. */
    String[] settings() {
        return new String[] {
            "-Daopay.base-url=http://127.0.0.1:" + aopay.port(),
            "-Daopay.auth.api-key=k",
            "-Daopay.jms.broker-url=" + brokerUrl(),
            "-Daopay.jms.username=" + BrokerUsers.BUNDLE,
            "-Daopay.jms.password=" + BrokerUsers.BUNDLE_PASSWORD,
            "-Daopay.jms.concurrent-consumers=" + CONSUMERS,
        };
    }

    @Test
    void requestsInFlightAtAKillAreRedeliveredNotLostNorSentAgain() throws Exception {
        long started = System.nanoTime();
        Path installation = root.resolve("app");
        ConnectionFactory jms =
                new ActiveMQConnectionFactory(brokerUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD);

        // --- First run: killed with kill -9 while requests are on their way to AOPay -------------
        Map<String, Long> sentBeforeKill;
        Set<String> resultsAtKill;
        Set<String> inFlightAtKill;
        long requestsQueueAtKill;
        try (PackagedApp first = PackagedApp.startIn(installation, "jms-crash-1", settings())) {
            assertTrue(first.waitUntilReady(STARTUP), first::output);
            try (JMSContext context = jms.createContext()) {
                for (int i = 0; i < REQUESTS; i++) {
                    TextMessage request = context.createTextMessage(request(i));
                    request.setJMSCorrelationID(correlation(i));
                    context.createProducer()
                            .setDeliveryMode(DeliveryMode.PERSISTENT)
                            .send(context.createQueue(REQUESTS_QUEUE), request);
                }
            }
            // A consumer takes its next request only once the last one is committed: a call beyond the
            // first wave means some requests are finished (they must not be redone) and others in flight.
            AopayJournal.awaitOrFail(
                    Duration.ofSeconds(30),
                    () -> AopayJournal.requests(aopay) > CONSUMERS || !first.isAlive(),
                    () -> "AOPay received only " + AopayJournal.requests(aopay) + " requests\n" + first.output());
            assertTrue(first.isAlive(), first::output);
            first.kill9();
            assertFalse(first.isAlive(), "the application must be dead after kill -9");
            assertEquals(137, first.exitValue(), "exit code of a process ended by SIGKILL");

            AopayJournal.settledRequestCount(aopay);
            sentBeforeKill = AopayJournal.sendsPerPrimaryKeyId(aopay);
            try (JMSContext context = jms.createContext()) {
                resultsAtKill = browseCorrelationIds(context, SUCCESS_QUEUE);
            }
            inFlightAtKill = sentBeforeKill.keySet().stream()
                    .filter(id -> !resultsAtKill.contains(correlation(index(id))))
                    .collect(Collectors.toCollection(TreeSet::new));
            // The broker takes back what the dead consumer held: nothing uncommitted is gone.
            AopayJournal.awaitOrFail(
                    Duration.ofSeconds(30),
                    () -> messageCount(REQUESTS_QUEUE) == REQUESTS - resultsAtKill.size(),
                    () -> "requests queue holds " + messageCount(REQUESTS_QUEUE) + " messages, expected "
                            + (REQUESTS - resultsAtKill.size()) + " (results at kill: " + resultsAtKill + ")");
            requestsQueueAtKill = messageCount(REQUESTS_QUEUE);
            assertTrue(
                    resultsAtKill.size() < REQUESTS,
                    "the kill must come before all results are in, the success queue already holds " + resultsAtKill);
            assertFalse(
                    resultsAtKill.isEmpty(),
                    "some requests must have been finished before the kill (then they must"
                            + " not be sent again); sent: " + sentBeforeKill);
            assertFalse(
                    inFlightAtKill.isEmpty(),
                    "at least one request must have been on its way to AOPay at the kill; sent: " + sentBeforeKill
                            + ", results: " + resultsAtKill);
        }
        int requestsBeforeKill = AopayJournal.requests(aopay);

        // --- Second run: same installation, same broker, same stand-in ------------------------------
        Map<String, List<Result>> results = new TreeMap<>();
        Map<String, List<String>> elsewhere = new TreeMap<>();
        String secondOutput;
        try (PackagedApp second = PackagedApp.startIn(installation, "jms-crash-2", settings())) {
            assertTrue(second.waitUntilReady(STARTUP), second::output);
            try (JMSContext context = jms.createContext();
                    JMSConsumer successes = context.createConsumer(context.createQueue(SUCCESS_QUEUE));
                    JMSConsumer errors = context.createConsumer(context.createQueue(ERROR_QUEUE))) {
                long deadline = System.nanoTime() + RESULTS.toNanos();
                while (results.size() < REQUESTS && System.nanoTime() < deadline && second.isAlive()) {
                    collect(successes.receive(200), results);
                    collect(errors.receiveNoWait(), results);
                }
                // All requests consumed and committed: any duplicate result would be on the queues by now.
                AopayJournal.awaitOrFail(
                        Duration.ofSeconds(30),
                        () -> messageCount(REQUESTS_QUEUE) == 0,
                        () -> "the requests queue still holds " + messageCount(REQUESTS_QUEUE) + " messages\n"
                                + second.output());
                for (Message late = successes.receive(1_000); late != null; late = successes.receive(1_000)) {
                    collect(late, results);
                }
                for (Message late = errors.receive(500); late != null; late = errors.receive(500)) {
                    collect(late, results);
                }
                for (String queue : OTHER_QUEUES) {
                    for (String id : browseCorrelationIds(context, queue)) {
                        elsewhere.computeIfAbsent(queue, q -> new ArrayList<>()).add(id);
                    }
                }
            }
            assertTrue(second.isAlive(), second::output);
            secondOutput = second.output();
        }
        long requestsQueueAtEnd = messageCount(REQUESTS_QUEUE);

        // --- What came out: the results and AOPay's journal ----------------------------------------
        Set<String> expected = IntStream.range(0, REQUESTS)
                .mapToObj(JmsCrashIT::correlation)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> missing =
                expected.stream().filter(id -> !results.containsKey(id)).toList();
        List<String> severalResults = results.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " " + e.getValue().size() + " times")
                .toList();
        List<String> strangeResults =
                results.keySet().stream().filter(id -> !expected.contains(id)).toList();
        // SUCCESS, or ERROR/INTERRUPTED for a request that had no result yet at the kill (claimed,
        // so it may have been on its way to AOPay, or not quite yet: it is not sent again either way)
        List<String> unexpectedOutcome = new ArrayList<>();
        Set<String> interrupted = new TreeSet<>();
        for (Map.Entry<String, List<Result>> e : results.entrySet()) {
            for (Result r : e.getValue()) {
                String outcome = JSON.readTree(r.body()).path("outcome").asText();
                String cause = JSON.readTree(r.body()).path("cause").asText();
                boolean wasInFlight = !resultsAtKill.contains(e.getKey());
                if ("ERROR".equals(outcome) && "INTERRUPTED".equals(cause) && wasInFlight) {
                    interrupted.add(e.getKey());
                } else if (!"SUCCESS".equals(outcome) || !"SUCCESS".equals(r.outcomeProperty())) {
                    unexpectedOutcome.add(
                            e.getKey() + ": outcome property " + r.outcomeProperty() + ", body " + r.body());
                }
            }
        }

        Map<String, Long> sendsPerId = AopayJournal.sendsPerPrimaryKeyId(aopay);
        Set<String> primaryKeyIds = IntStream.range(0, REQUESTS)
                .mapToObj(JmsCrashIT::primaryKeyId)
                .collect(Collectors.toCollection(TreeSet::new));
        // Only an interrupted request may never have reached AOPay (claimed a moment before the kill).
        List<String> neverSent = primaryKeyIds.stream()
                .filter(id -> !sendsPerId.containsKey(id))
                .filter(id -> !interrupted.contains(correlation(index(id))))
                .toList();
        Set<String> sentTwice = sendsPerId.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " " + e.getValue() + " times")
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> strangers = sendsPerId.keySet().stream()
                .filter(id -> !primaryKeyIds.contains(id))
                .toList();

        System.out.printf(
                "JmsCrashIT: %d requests, %d consumers, AOPay delay %d ms; AOPay requests before kill -9: %d %s;"
                        + " results at kill: %d; in flight at kill: %d %s; requests queue at kill: %d;"
                        + " AOPay requests after restart: %d, total: %d; sends per PrimaryKeyId: %s;"
                        + " sent more than once: %d %s; interrupted: %s; results: %d; requests queue at end: %d; took %d s%n",
                REQUESTS,
                CONSUMERS,
                AOPAY_DELAY_MS,
                requestsBeforeKill,
                new TreeMap<>(sentBeforeKill),
                resultsAtKill.size(),
                inFlightAtKill.size(),
                inFlightAtKill,
                requestsQueueAtKill,
                AopayJournal.requests(aopay) - requestsBeforeKill,
                AopayJournal.requests(aopay),
                new TreeMap<>(sendsPerId),
                sentTwice.size(),
                sentTwice,
                interrupted,
                results.values().stream().mapToInt(List::size).sum(),
                requestsQueueAtEnd,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());

        assertAll(
                // nothing lost, nothing twice: exactly one result per request
                () -> assertTrue(missing.isEmpty(), "requests without a result: " + missing + "\n" + secondOutput),
                () -> assertTrue(severalResults.isEmpty(), "requests with more than one result: " + severalResults),
                () -> assertTrue(strangeResults.isEmpty(), "results for requests never sent: " + strangeResults),
                () -> assertTrue(
                        unexpectedOutcome.isEmpty(),
                        "results that are neither SUCCESS nor an interrupted in-flight request: " + unexpectedOutcome),
                () -> assertTrue(
                        elsewhere.isEmpty(),
                        "messages of these requests on the DLQ or another result queue: " + elsewhere),
                () -> assertEquals(0, requestsQueueAtEnd, "the requests queue must end empty"),
                // AOPay: each request exactly once, also those in flight at the kill
                () -> assertTrue(
                        neverSent.isEmpty(),
                        "PrimaryKeyIds AOPay never received that were not interrupted: " + neverSent),
                () -> assertTrue(
                        sentTwice.isEmpty(),
                        "PrimaryKeyIds AOPay received more than once: " + sentTwice + " (in flight at the kill: "
                                + inFlightAtKill + ")"),
                () -> assertTrue(
                        strangers.isEmpty(), "AOPay received PrimaryKeyIds that were never sent: " + strangers));
    }

    // --- helpers ----------------------------------------------------------------------------

    static String correlation(int i) {
        return "crash-" + i;
    }

    static String primaryKeyId(int i) {
        return "jms-" + i;
    }

    static int index(String primaryKeyId) {
        return Integer.parseInt(primaryKeyId.substring("jms-".length()));
    }

    /** Request i: its own RegistrationID, so that the resend limits per registration and Aadhaar never refuse one. */
    static String request(int i) {
        return """
                {"Userkey":"AOP554N3X","Mobile":%s,"AdhaarNumber":"%s","PrimaryKeyId":"%s","EncodeTxnId":"DEMO","RegistrationID":"AOP-554-%d"}""".formatted(TestData.MOBILE, TestData.AADHAAR, primaryKeyId(i), i);
    }

    String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    /** A result message as read off the success queue. */
    record Result(String body, String outcomeProperty) {}

    static void collect(Message message, Map<String, List<Result>> results) throws JMSException {
        if (message != null) {
            results.computeIfAbsent(message.getJMSCorrelationID(), id -> new ArrayList<>())
                    .add(new Result(message.getBody(String.class), message.getStringProperty("outcome")));
        }
    }

    /** The correlation ids of the messages on a queue, read with a browser: nothing is consumed. */
    static Set<String> browseCorrelationIds(JMSContext context, String queue) throws JMSException {
        Set<String> ids = new TreeSet<>();
        try (QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                ids.add(((Message) e.nextElement()).getJMSCorrelationID());
            }
        } catch (InvalidDestinationRuntimeException noSuchQueueYet) {
            return Collections.emptySet();
        }
        return ids;
    }

    /** Messages on a queue as the broker counts them: waiting and delivered but not yet acknowledged. */
    long messageCount(String queue) {
        Queue q = broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getMessageCount();
    }

    private static int freePort() {
        return FreePorts.pick();
    }
}
