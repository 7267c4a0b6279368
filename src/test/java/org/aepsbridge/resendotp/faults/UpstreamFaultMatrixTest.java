package org.aepsbridge.resendotp.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.aepsbridge.resendotp.aopay.AopaySettings;
import org.aepsbridge.resendotp.csv.FileSettings;
import org.aepsbridge.resendotp.jms.JmsSettings;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.model.TechnicalCause;
import org.aepsbridge.resendotp.support.AopayJournal;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.LogScan;
import org.aepsbridge.resendotp.support.TestClients;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upstream fault matrix ({@link UpstreamFault#MATRIX}) through every channel: each
 * fault AOPay can show ends in the outcome docs/rest.md gives it (its outcome table), after exactly the calls
 * routes/errors.camel.yaml allows, and every request gets exactly one result on its own
 * channel: one REST answer, one result row per CSV row, one JMS result message.
 *
 * <p>Calls are counted in the stand-in's journal per PrimaryKeyId (every row has its
 * own). When the stand-in is down (connection refused) nothing can count them there; then
 * they are counted as Camel sends them to AOPay's endpoint (an event notifier on the
 * CamelContext, {@link #attempts}), never taken from what the result says.
 */
@QuarkusTest
class UpstreamFaultMatrixTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern ATTEMPTS = Pattern.compile("\\((\\d+) attempts?\\)");

    @AopayStandIn.Inject
    WireMockServer aopay;

    /** The application's own settings: retries, folders, queue names. */
    @Inject
    AopaySettings settings;

    @Inject
    FileSettings file;

    @Inject
    JmsSettings jmsSettings;

    @TestHTTPResource("/api/v1/resend-otp")
    URI restEndpoint;

    @Inject
    CamelContext camel;

    /** Sends to AOPay's endpoint per PrimaryKeyId of the body sent, as Camel notifies them: attempts that reached no server too. */
    static final Map<String, AtomicInteger> SENT_TO_AOPAY = new ConcurrentHashMap<>();

    static volatile CamelContext watched;

    @BeforeEach
    void freshStandIn() {
        aopay.resetRequests();
        aopay.resetScenarios();
    }

    @BeforeEach
    void watchAttemptsToAopay() throws Exception {
        synchronized (SENT_TO_AOPAY) {
            if (watched == camel) {
                return;
            }
            String aopayUrl = ConfigProvider.getConfig().getValue("aopay.base-url", String.class);
            EventNotifierSupport notifier = new EventNotifierSupport() {
                @Override
                public void notify(CamelEvent event) throws Exception {
                    if (event instanceof CamelEvent.ExchangeSendingEvent sending
                            && sending.getEndpoint().getEndpointUri().startsWith(aopayUrl)
                            && sending.getExchange().getMessage().getBody() instanceof String body) {
                        String primaryKeyId =
                                JSON.readTree(body).path("PrimaryKeyId").asText();
                        SENT_TO_AOPAY
                                .computeIfAbsent(primaryKeyId, k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }
            };
            notifier.start();
            camel.getManagementStrategy().addEventNotifier(notifier);
            watched = camel;
        }
    }

    /** How often Camel sent this request to AOPay's endpoint. */
    static int attempts(String primaryKeyId) {
        AtomicInteger sent = SENT_TO_AOPAY.get(primaryKeyId);
        return sent == null ? 0 : sent.get();
    }

    @AfterAll
    static void noFullIdentityNumberReachedTheLog() throws Exception {
        LogScan.assertNoSecretsInApplicationLog();
    }

    /** What a channel made of one fault. */
    record Observed(
            UpstreamFault fault, String outcome, String cause, String message, int calls, String channelDetail) {}

    // --- REST ---------------------------------------------------------------------------------

    @Test
    void restAnswersEveryFaultWithItsStatusAfterTheConfiguredCalls() throws Exception {
        String run = run();
        List<Observed> observed = new ArrayList<>();
        for (UpstreamFault.StandIn standIn : UpstreamFault.StandIn.values()) {
            List<UpstreamFault> faults = faultsWith(standIn);
            if (faults.isEmpty()) {
                continue;
            }
            Map<UpstreamFault, HttpResponse<String>> answers = whileStandIn(standIn, () -> postAll(faults, run));
            for (UpstreamFault fault : faults) {
                HttpResponse<String> answer = answers.get(fault);
                JsonNode result = JSON.readTree(answer.body());
                assertEquals(
                        fault.primaryKeyId("rest", run),
                        result.path("PrimaryKeyId").asText(),
                        "the answer names its request");
                observed.add(
                        observe(fault, result, callsOf(fault, "rest", run, result), "HTTP " + answer.statusCode()));
            }
        }
        verify("REST", observed, o -> "HTTP " + o.fault().restStatus());
    }

    Map<UpstreamFault, HttpResponse<String>> postAll(List<UpstreamFault> faults, String run) {
        HttpClient http = HttpClient.newHttpClient();
        Map<UpstreamFault, CompletableFuture<HttpResponse<String>>> pending = new LinkedHashMap<>();
        for (UpstreamFault fault : faults) {
            pending.put(
                    fault,
                    http.sendAsync(
                            HttpRequest.newBuilder(restEndpoint)
                                    .timeout(WAIT)
                                    .header("Content-Type", "application/json")
                                    .header(TestClients.HEADER, TestClients.KEY)
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            request(fault, fault.primaryKeyId("rest", run))))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
        }
        Map<UpstreamFault, HttpResponse<String>> answers = new LinkedHashMap<>();
        pending.forEach((fault, answer) -> answers.put(fault, answer.join()));
        return answers;
    }

    // --- CSV ----------------------------------------------------------------------------------

    @Test
    void csvWritesOneResultRowPerFaultAfterTheConfiguredCalls() throws Exception {
        String run = run();
        List<Observed> observed = new ArrayList<>();
        for (UpstreamFault.StandIn standIn : UpstreamFault.StandIn.values()) {
            List<UpstreamFault> faults = faultsWith(standIn);
            if (faults.isEmpty()) {
                continue;
            }
            String stem = "faults-" + standIn.name().toLowerCase() + "-" + run;
            List<CSVRecord> rows = whileStandIn(standIn, () -> resultRows(stem, faults, run));

            assertEquals(faults.size(), rows.size(), "one result row per input row: " + rows);
            for (int i = 0; i < faults.size(); i++) {
                UpstreamFault fault = faults.get(i);
                CSVRecord row = rows.get(i);
                assertEquals(String.valueOf(i + 2), row.get("line"), "result rows in input order, each once");
                assertEquals(fault.primaryKeyId("csv", run), row.get("PrimaryKeyId"), "row " + row.get("line"));
                // The result file has no cause column: the outcome, the message and the calls say it.
                observed.add(new Observed(
                        fault,
                        row.get("outcome"),
                        null,
                        row.get("message"),
                        callsOf(fault, "csv", run, row.get("message")),
                        "line " + row.get("line")));
            }
        }
        verify("CSV", observed, o -> null);
    }

    List<CSVRecord> resultRows(String stem, List<UpstreamFault> faults, String run) throws IOException {
        StringBuilder csv = new StringBuilder("Userkey,Mobile,AdhaarNumber,PrimaryKeyId,EncodeTxnId,RegistrationID\n");
        for (UpstreamFault fault : faults) {
            csv.append("AOP554N3X,")
                    .append(TestData.MOBILE)
                    .append(',')
                    .append(TestData.AADHAAR)
                    .append(',')
                    .append(fault.primaryKeyId("csv", run))
                    .append(",DEMO,")
                    .append(fault.registrationId())
                    .append('\n');
        }
        Path inbox = Files.createDirectories(Path.of(file.inbox()));
        Path staging = inbox.resolveSibling(stem + ".csv.staging");
        Files.writeString(staging, csv, StandardCharsets.UTF_8);
        Files.move(staging, inbox.resolve(stem + ".csv"));
        Path result = Path.of(file.outbox()).resolve(stem + ".result.csv");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(result));
        try (Reader in = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .getRecords();
        }
    }

    // --- JMS ----------------------------------------------------------------------------------

    @Test
    void jmsRoutesOneResultPerFaultToItsOutcomeQueueAfterTheConfiguredCalls() throws Exception {
        String run = run();
        List<Observed> observed = new ArrayList<>();
        try (JMSContext jms = new ActiveMQConnectionFactory(
                        ArtemisTestBroker.coreUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)
                .createContext()) {
            for (UpstreamFault.StandIn standIn : UpstreamFault.StandIn.values()) {
                List<UpstreamFault> faults = faultsWith(standIn);
                if (faults.isEmpty()) {
                    continue;
                }
                String prefix = "faults-" + standIn.name().toLowerCase() + "-" + run + "-";
                Map<String, List<Message>> results =
                        whileStandIn(standIn, () -> sendAndCollect(jms, faults, prefix, run));
                for (UpstreamFault fault : faults) {
                    String correlation = prefix + UpstreamFault.MATRIX.indexOf(fault);
                    List<Message> messages = results.getOrDefault(correlation, List.of());
                    assertEquals(1, messages.size(), fault + ": exactly one result message, got " + messages.size());
                    Message message = messages.get(0);
                    JsonNode result = JSON.readTree(message.getBody(String.class));
                    assertEquals(
                            result.path("outcome").asText(), message.getStringProperty("outcome"), "outcome property");
                    String queue = ((jakarta.jms.Queue) message.getJMSDestination()).getQueueName();
                    observed.add(observe(fault, result, callsOf(fault, "jms", run, result), queue));
                }
                assertTrue(browse(jms, jmsSettings.dlq(), prefix).isEmpty(), "nothing of this run on the DLQ");
            }
        }
        verify("JMS", observed, o -> queueOf(o.fault().outcome()));
    }

    /** Sends one request per fault and reads every result of this run from the four outcome queues. */
    Map<String, List<Message>> sendAndCollect(JMSContext jms, List<UpstreamFault> faults, String prefix, String run)
            throws Exception {
        for (UpstreamFault fault : faults) {
            TextMessage request = jms.createTextMessage(request(fault, fault.primaryKeyId("jms", run)));
            request.setJMSCorrelationID(prefix + UpstreamFault.MATRIX.indexOf(fault));
            jms.createProducer().send(jms.createQueue(jmsSettings.requestsQueue()), request);
        }
        String selector = "JMSCorrelationID LIKE '" + prefix + "%'";
        List<JMSConsumer> consumers = new ArrayList<>();
        JmsSettings queues = jmsSettings;
        for (String queue :
                List.of(queues.successQueue(), queues.failedQueue(), queues.rejectedQueue(), queues.errorQueue())) {
            consumers.add(jms.createConsumer(jms.createQueue(queue), selector));
        }
        Map<String, List<Message>> results = new LinkedHashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (results.size() < faults.size() && System.nanoTime() < deadline) {
            collect(consumers, results, 100);
        }
        // Every request is in: a second result for any of them would have arrived by now too.
        collect(consumers, results, 1_000);
        consumers.forEach(JMSConsumer::close);
        return results;
    }

    static void collect(List<JMSConsumer> consumers, Map<String, List<Message>> results, long waitMs) throws Exception {
        for (JMSConsumer consumer : consumers) {
            for (Message m = consumer.receive(waitMs); m != null; m = consumer.receiveNoWait()) {
                results.computeIfAbsent(m.getJMSCorrelationID(), id -> new ArrayList<>())
                        .add(m);
            }
        }
    }

    static List<String> browse(JMSContext jms, String queue, String prefix) throws Exception {
        List<String> ids = new ArrayList<>();
        try (QueueBrowser browser =
                jms.createBrowser(jms.createQueue(queue), "JMSCorrelationID LIKE '" + prefix + "%'")) {
            for (Object m : Collections.list(browser.getEnumeration())) {
                ids.add(((Message) m).getJMSCorrelationID());
            }
        }
        return ids;
    }

    String queueOf(Outcome outcome) {
        JmsSettings queues = jmsSettings;
        return switch (outcome) {
            case SUCCESS -> queues.successQueue();
            case FAILED, UNAUTHORIZED -> queues.failedQueue();
            case REJECTED, THROTTLED -> queues.rejectedQueue();
            case ERROR -> queues.errorQueue();
        };
    }

    // --- shared -------------------------------------------------------------------------------

    static String run() {
        return Long.toString(System.nanoTime());
    }

    /**
     * The rows this class runs: all but the response-timeout ones, which need a short timeout of
     * their own ({@link UpstreamTimeoutMatrixTest}); under this profile's long one no pause of a
     * loaded machine turns a slow answer into a retry.
     */
    List<UpstreamFault> rows() {
        return UpstreamFault.MATRIX.stream()
                .filter(f -> f.cause() != TechnicalCause.TIMEOUT)
                .toList();
    }

    List<UpstreamFault> faultsWith(UpstreamFault.StandIn standIn) {
        return rows().stream().filter(f -> f.standIn() == standIn).toList();
    }

    static String request(UpstreamFault fault, String primaryKeyId) {
        return """
                {"Userkey":"AOP554N3X","Mobile":%s,"AdhaarNumber":"%s","PrimaryKeyId":"%s","EncodeTxnId":"DEMO","RegistrationID":"%s"}""".formatted(TestData.MOBILE, TestData.AADHAAR_SPACED, primaryKeyId, fault.registrationId());
    }

    interface Step<T> {
        T run() throws Exception;
    }

    /** Runs the step with the stand-in up, or stopped (connections refused) and started again on its port after. */
    <T> T whileStandIn(UpstreamFault.StandIn standIn, Step<T> step) throws Exception {
        if (standIn == UpstreamFault.StandIn.UP) {
            return step.run();
        }
        aopay.stop();
        try {
            return step.run();
        } finally {
            aopay.start();
        }
    }

    static Observed observe(UpstreamFault fault, JsonNode result, int calls, String channelDetail) {
        return new Observed(
                fault,
                result.path("outcome").asText(),
                result.path("cause").asText(null),
                result.path("message").asText(),
                calls,
                channelDetail);
    }

    int callsOf(UpstreamFault fault, String channel, String run, JsonNode result) throws IOException {
        return callsOf(fault, channel, run, result.path("message").asText());
    }

    /** Calls in the stand-in's journal; with the stand-in down, the attempts Camel made to reach it. */
    int callsOf(UpstreamFault fault, String channel, String run, String message) throws IOException {
        if (fault.standIn() == UpstreamFault.StandIn.DOWN) {
            return attempts(fault.primaryKeyId(channel, run));
        }
        int received = AopayJournal.sendsPerPrimaryKeyId(aopay)
                .getOrDefault(fault.primaryKeyId(channel, run), 0L)
                .intValue();
        assertEquals(
                received,
                attempts(fault.primaryKeyId(channel, run)),
                fault + ": Camel's sends and AOPay's journal agree");
        return received;
    }

    static int statedAttempts(String message) {
        Matcher m = ATTEMPTS.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Compares every observation with its row of the matrix; reports all mismatches at once, with the whole table. */
    void verify(String channel, List<Observed> observed, java.util.function.Function<Observed, String> expectedDetail) {
        assertEquals(rows().size(), observed.size(), "every fault of this class's rows was tried on " + channel);
        List<String> wrong = new ArrayList<>();
        for (Observed o : observed) {
            UpstreamFault f = o.fault();
            int calls = f.calls().expected(settings.retry().maxRedeliveries());
            List<String> problems = new ArrayList<>();
            if (!f.outcome().name().equals(o.outcome())) {
                problems.add("outcome " + o.outcome() + ", expected " + f.outcome());
            }
            String detail = expectedDetail.apply(o);
            if (detail != null && !detail.equals(o.channelDetail())) {
                problems.add(o.channelDetail() + ", expected " + detail);
            }
            String cause = f.cause() == null ? null : f.cause().name();
            if (o.cause() != null && !o.cause().equals(cause)
                    || o.cause() == null && cause != null && !"CSV".equals(channel)) {
                problems.add("cause " + o.cause() + ", expected " + cause);
            }
            if (o.calls() != calls) {
                problems.add(o.calls() + " calls to AOPay, expected " + calls);
            }
            int stated = statedAttempts(o.message());
            if (stated >= 0 && stated != o.calls()) {
                problems.add("the result states " + stated + " attempts, AOPay saw " + o.calls());
            }
            if (!problems.isEmpty()) {
                wrong.add(f + ": " + String.join("; ", problems) + " [message: " + o.message() + "]");
            }
        }
        System.out.println(channel + " fault matrix:\n"
                + observed.stream()
                        .map(o -> String.format(
                                "  %-55s %-13s %-16s %-24s %d calls",
                                o.fault(), o.outcome(), o.cause(), o.channelDetail(), o.calls()))
                        .collect(Collectors.joining("\n")));
        assertTrue(
                wrong.isEmpty(),
                channel + ": " + wrong.size() + " faults did not end as the contract says:\n  "
                        + String.join("\n  ", wrong));
    }
}
