package org.aepsbridge.resendotp.hostile;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.aepsbridge.resendotp.hostile.HostileCorpus.Channel.CSV;
import static org.aepsbridge.resendotp.hostile.HostileCorpus.Channel.JMS;
import static org.aepsbridge.resendotp.hostile.HostileCorpus.Channel.REST;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aepsbridge.resendotp.hostile.HostileCorpus.Answer;
import org.aepsbridge.resendotp.hostile.HostileCorpus.Channel;
import org.aepsbridge.resendotp.hostile.HostileCorpus.CsvFile;
import org.aepsbridge.resendotp.hostile.HostileCorpus.Expect;
import org.aepsbridge.resendotp.hostile.HostileCorpus.FieldValue;
import org.aepsbridge.resendotp.hostile.HostileCorpus.HostileCase;
import org.aepsbridge.resendotp.hostile.HostileCorpus.HttpBody;
import org.aepsbridge.resendotp.hostile.HostileCorpus.JmsInput;
import org.aepsbridge.resendotp.hostile.HostileCorpus.JsonBody;
import org.aepsbridge.resendotp.jms.DeadLetterReason;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.LogScan;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.OutputHygiene;
import org.aepsbridge.resendotp.support.TestClients;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus ({@link HostileCorpus}) against every channel it applies to:
 * each case gets the answer written down next to it, never a 500, a stack trace, a lost
 * message or a full identity number; afterwards each channel still serves a valid request.
 * Same test resources as JmsChannelTest, so the application is started once for both.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
@QuarkusTestResource(ArtemisTestBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    static final String PATH = "/api/v1/resend-otp";
    static final String AOPAY_PATH = "/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP";
    static final String REQUESTS = "aopay.resendotp.requests";
    static final List<String> OUTCOME_QUEUES = List.of(
            "aopay.resendotp.success",
            "aopay.resendotp.failed",
            "aopay.resendotp.error",
            "aopay.resendotp.rejected",
            "aopay.resendotp.dlq");
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    /** A Java stack frame or a chained cause: never in anything a caller or operator file receives. */
    static final Pattern STACK_TRACE = Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|Caused by:|\\.java:\\d+\\)");

    /** Run-unique stem of this run's CSV files. */
    static final String RUN = "hostile-" + System.nanoTime();

    static final String FIELDS_FILE = RUN + "-fields";

    @AopayStandIn.Inject
    WireMockServer aopay;

    @ConfigProperty(name = "aopay.file.inbox")
    Path inbox;

    @ConfigProperty(name = "aopay.file.outbox")
    Path outbox;

    @ConfigProperty(name = "aopay.file.error")
    Path error;

    static Stream<HostileCase> restCases() {
        return HostileCorpus.on(REST);
    }

    static Stream<HostileCase> jmsCases() {
        return HostileCorpus.on(JMS);
    }

    static Stream<HostileCase> csvCases() {
        return HostileCorpus.on(CSV);
    }

    static String tag(Channel channel, HostileCase c) {
        return channel + "-" + HostileCorpus.CASES.indexOf(c);
    }

    /**
     * Setup, not a test: the result queues and the DLQ are watched, and the CSV corpus goes
     * into the inbox, so the folder works on it while REST and JMS run. Before any case, so
     * each case also runs alone ({@code -Dtest=HostileInputTest#csv}).
     */
    @BeforeAll
    static void watchTheResultQueuesAndDropTheCsvCorpus() throws IOException {
        watchResultQueuesAndTheDlq();
        Path inbox = ConfigProvider.getConfig().getValue("aopay.file.inbox", Path.class);
        StringWriter fields = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(
                fields, CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL).get())) {
            printer.printRecord(HostileCorpus.VALID.keySet());
            for (HostileCase c : csvFieldCases()) {
                FieldValue f = (FieldValue) c.input();
                List<String> row = new ArrayList<>();
                for (String name : HostileCorpus.VALID.keySet()) {
                    row.add(
                            name.equals(f.field())
                                    ? f.csv()
                                    : name.equals(HostileCorpus.tagField(f.field()))
                                            ? tag(CSV, c)
                                            : HostileCorpus.OPTIONAL.contains(name)
                                                    ? ""
                                                    : HostileCorpus.VALID.get(name));
                }
                printer.printRecord(row);
            }
        }
        drop(inbox, FIELDS_FILE, fields.toString().getBytes(StandardCharsets.UTF_8));
        for (HostileCase c : HostileCorpus.CASES) {
            if (c.input() instanceof CsvFile file) {
                drop(inbox, RUN + "-" + c.id(), file.content());
            }
        }
    }

    static List<HostileCase> csvFieldCases() {
        return csvCases().filter(c -> c.input() instanceof FieldValue).toList();
    }

    static void drop(Path inbox, String stem, byte[] content) throws IOException {
        Files.createDirectories(inbox);
        Path staging = inbox.resolveSibling(stem + ".csv.staging");
        Files.write(staging, content);
        Files.move(staging, inbox.resolve(stem + ".csv"));
    }

    // --- REST -----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("restCases")
    @Order(2)
    void rest(HostileCase c) throws Exception {
        Expect expect = c.on(REST);
        String tag = tag(REST, c);
        Response response;
        if (c.input() instanceof HttpBody http) {
            // Java's own client, with Expect: 100-continue: the server refuses a body it will
            // not read before it is sent (RestAssured would re-encode a form, and a 10 MB body
            // pushed at a server that answered 413 ends in a broken pipe)
            HttpResponse<String> raw = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + PATH))
                                    .header("Content-Type", http.contentType())
                                    .expectContinue(true)
                                    .header(TestClients.HEADER, TestClients.KEY)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(http.body()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertClean(raw.body(), "REST answer");
            assertNotEquals(500, raw.statusCode(), raw.body());
            assertEquals(expect.answer() == Answer.TOO_LARGE ? 413 : 415, raw.statusCode(), raw.body());
            return;
        } else {
            String json = c.input() instanceof JsonBody whole ? whole.json() : requestWith((FieldValue) c.input(), tag);
            response = given().contentType("application/json")
                    .body(json.getBytes(StandardCharsets.UTF_8))
                    .post(PATH);
        }
        int status = response.statusCode();
        String body = response.asString();
        assertClean(body, "REST answer");
        assertNotEquals(500, status, body);
        switch (expect.answer()) {
            case UNSUPPORTED_MEDIA_TYPE -> assertEquals(415, status, body);
            case TOO_LARGE -> assertEquals(413, status, body);
            case REJECTED, NOT_A_REQUEST -> {
                assertEquals(400, status, body);
                assertRejected(JSON.readTree(body), expect.answer() == Answer.NOT_A_REQUEST ? "body" : expect.detail());
            }
            case ACCEPTED -> {
                JsonNode result = JSON.readTree(body);
                Outcome outcome = acceptedOutcome(c);
                assertEquals(outcome.name(), result.path("outcome").asText(), body);
                assertEquals(outcome == Outcome.SUCCESS ? 200 : 502, status, body);
                assertSentAsGiven(c, tag);
            }
            default -> fail("no REST answer for " + expect);
        }
    }

    static String requestWith(FieldValue field, String tag) {
        Map<String, String> raw = new HashMap<>();
        raw.put(field.field(), field.json());
        raw.put(HostileCorpus.tagField(field.field()), HostileCorpus.jsonString(tag));
        return HostileCorpus.requestJson(raw);
    }

    static void assertRejected(JsonNode result, String field) {
        assertEquals("REJECTED", result.path("outcome").asText(), result.toString());
        List<String> fields = new ArrayList<>();
        result.path("fieldErrors").forEach(e -> fields.add(e.path("field").asText()));
        assertTrue(fields.contains(field), "expected a field error for " + field + ": " + result);
    }

    /** An accepted request reached AOPay once, with a correlation field exactly as the caller wrote it. */
    void assertSentAsGiven(HostileCase c, String tag) throws Exception {
        if (!(c.input() instanceof FieldValue field)) {
            return; // a whole document: the outcome says it was sent
        }
        String tagField = HostileCorpus.tagField(field.field());
        List<LoggedRequest> calls = aopay.findAll(postRequestedFor(urlPathEqualTo(AOPAY_PATH))
                .withRequestBody(matchingJsonPath("$." + tagField, WireMock.equalTo(tag))));
        assertEquals(1, calls.size(), "AOPay calls for " + tag);
        if (HostileCorpus.CORRELATION.contains(field.field())) {
            JsonNode sent = JSON.readTree(calls.get(0).getBodyAsString());
            assertEquals(
                    field.csv() != null ? field.csv() : field.json(),
                    sent.path(field.field()).asText(),
                    "sent to AOPay as given");
        }
    }

    // --- JMS ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("jmsCases")
    @Order(3)
    void jms(HostileCase c) throws Exception {
        Expect expect = c.on(JMS);
        String tag = tag(JMS, c);
        String correlation = tag + "-" + UUID.randomUUID();
        try (JMSContext jms = new ActiveMQConnectionFactory(
                        ArtemisTestBroker.coreUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)
                .createContext()) {
            Message message = message(jms, c, tag);
            message.setJMSCorrelationID(correlation);
            jms.createProducer().send(jms.createQueue(REQUESTS), message);

            Arrival arrival = awaitAnywhere(correlation);
            String body = arrival.body;
            assertClean(body, "JMS message on " + arrival.queue);
            switch (expect.answer()) {
                case NOT_A_REQUEST, TOO_LARGE -> {
                    assertEquals(
                            "aopay.resendotp.dlq", arrival.queue, body.length() > 500 ? body.substring(0, 500) : body);
                    String reason = arrival.reason;
                    assertNotNull(reason, "a dead letter says why");
                    assertClean(reason, "aopayFailureReason");
                    assertTrue(
                            reason.contains(expect.detail()), "reason should say '" + expect.detail() + "': " + reason);
                    OutputHygiene.capture("dlq", tag, "reason=" + reason + "\n" + body);
                }
                case REJECTED -> {
                    assertEquals("aopay.resendotp.rejected", arrival.queue, body);
                    assertRejected(JSON.readTree(body), expect.detail());
                }
                case ACCEPTED -> {
                    JsonNode result = JSON.readTree(body);
                    Outcome outcome = acceptedOutcome(c);
                    assertEquals(
                            outcome == Outcome.SUCCESS ? "aopay.resendotp.success" : "aopay.resendotp.error",
                            arrival.queue,
                            body);
                    assertEquals(outcome.name(), result.path("outcome").asText(), body);
                    assertSentAsGiven(c, tag);
                }
                default -> fail("no JMS answer for " + expect);
            }
        }
    }

    static Message message(JMSContext jms, HostileCase c, String tag) throws Exception {
        if (c.input() instanceof JsonBody json) {
            return jms.createTextMessage(json.json());
        }
        if (c.input() instanceof FieldValue field) {
            return jms.createTextMessage(requestWith(field, tag));
        }
        JmsInput in = (JmsInput) c.input();
        if (in.kind() == HostileCorpus.JmsKind.TEXT) {
            return jms.createTextMessage(new String(in.payload(), StandardCharsets.UTF_8));
        }
        if (in.kind() == HostileCorpus.JmsKind.BYTES) {
            BytesMessage bytes = jms.createBytesMessage();
            bytes.writeBytes(in.payload());
            return bytes;
        }
        if (in.kind() == HostileCorpus.JmsKind.MAP) {
            MapMessage map = jms.createMapMessage();
            map.setString("AdhaarNumber", TestData.AADHAAR);
            return map;
        }
        return in.kind() == HostileCorpus.JmsKind.OBJECT
                ? jms.createObjectMessage(TestData.request("AOP-554"))
                : jms.createMessage();
    }

    record Arrival(String queue, String body, String reason) {}

    /** Every message that arrives on a result queue or the DLQ while the corpus runs, by correlation id. */
    static final Map<String, Arrival> ARRIVALS = new ConcurrentHashMap<>();
    /** A message that ended in two places (two results, or a result and a dead letter). */
    static final List<String> TWICE = new CopyOnWriteArrayList<>();

    static JMSContext listening;

    static void watchResultQueuesAndTheDlq() {
        listening = new ActiveMQConnectionFactory(
                        ArtemisTestBroker.coreUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)
                .createContext();
        for (String queue : OUTCOME_QUEUES) {
            listening
                    .createContext(JMSContext.AUTO_ACKNOWLEDGE)
                    .createConsumer(listening.createQueue(queue), "JMSCorrelationID LIKE 'JMS-%'")
                    .setMessageListener(m -> {
                        try {
                            String body =
                                    m instanceof TextMessage text ? text.getText() : "(not a text message: " + m + ")";
                            Arrival earlier = ARRIVALS.putIfAbsent(
                                    m.getJMSCorrelationID(),
                                    new Arrival(queue, body, m.getStringProperty(DeadLetterReason.REASON)));
                            if (earlier != null) {
                                TWICE.add(m.getJMSCorrelationID() + " on " + earlier.queue() + " and " + queue);
                            }
                        } catch (jakarta.jms.JMSException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
    }

    @AfterAll
    static void stopWatching() {
        if (listening != null) {
            listening.close();
        }
    }

    /** The corpus' files are all read before the next test class (with the same application) counts anything. */
    @AfterAll
    static void noCsvFileOfThisRunIsLeftInTheInbox() throws IOException {
        Path inbox = ConfigProvider.getConfig().getValue("aopay.file.inbox", Path.class);
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try (Stream<Path> files = Files.list(inbox)) {
                        return files.noneMatch(f -> f.getFileName().toString().startsWith(RUN));
                    }
                });
    }

    /** The message's one result, wherever it went: a result queue or the DLQ. Never nowhere. */
    static Arrival awaitAnywhere(String correlation) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Arrival arrival = ARRIVALS.get(correlation);
            if (arrival != null) {
                return arrival;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return fail(
                "message " + correlation + " was lost: no result and no dead letter within " + WAIT.toSeconds() + " s");
    }

    // --- CSV ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("csvCases")
    @Order(4)
    void csv(HostileCase c) throws Exception {
        Expect expect = c.on(CSV);
        if (c.input() instanceof FieldValue field) {
            List<CSVRecord> rows = resultRows(FIELDS_FILE);
            int index = csvFieldCases().indexOf(c);
            assertEquals(csvFieldCases().size(), rows.size(), "one result row per row");
            CSVRecord row = rows.get(index);
            assertEquals(String.valueOf(index + 2), row.get("line"));
            String outcome = row.get("outcome");
            if (expect.answer() == Answer.REJECTED) {
                assertEquals("REJECTED", outcome, row.toString());
                assertTrue(
                        row.get("message").contains(expect.detail()),
                        "the message names " + expect.detail() + ": " + row.get("message"));
            } else {
                assertEquals(acceptedOutcome(c).name(), outcome, row.get("message"));
                assertSentAsGiven(c, tag(CSV, c));
                if (HostileCorpus.CORRELATION.contains(field.field())) {
                    assertEquals(
                            SHOWN_IN_A_RESULT_FILE.getOrDefault(field.csv(), field.csv()),
                            row.get(field.field()),
                            "echoed as given, a formula as text");
                }
            }
            return;
        }
        String stem = RUN + "-" + c.id();
        switch (expect.answer()) {
            case ERROR_FILE -> {
                Path reason = error.resolve(stem + ".error.txt");
                await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(reason));
                String text = Files.readString(reason);
                assertClean(text, "error file");
                assertTrue(text.contains(expect.detail()), "the error file says '" + expect.detail() + "': " + text);
                if (!expect.outcomes().isEmpty()) {
                    await().atMost(WAIT).until(() -> Files.exists(outbox.resolve(stem + ".result.csv")));
                    assertEquals(
                            expect.outcomes(), outcomes(resultRows(stem)), "results for the rows before the break");
                } else {
                    assertFalse(
                            Files.exists(outbox.resolve(stem + ".result.csv")),
                            "a file that is no batch has no result file");
                }
            }
            case RESULT_ROWS -> assertEquals(expect.outcomes(), outcomes(resultRows(stem)));
            default -> fail("no CSV answer for " + expect);
        }
    }

    /**
     * The corpus' formulas as a result file shows them (docs/core.md, Hostile input, "CSV formulas":
     * a leading {@code '} makes the cell text for a spreadsheet). Written out, not computed: any
     * other accepted value is shown exactly as given.
     */
    static final Map<String, String> SHOWN_IN_A_RESULT_FILE = Map.of(
            "=1+2", "'=1+2",
            "+1", "'+1",
            "-1", "'-1",
            "@SUM(A1)", "'@SUM(A1)",
            "=HYPERLINK(\"http://example.invalid\",\"x\")", "'=HYPERLINK(\"http://example.invalid\",\"x\")");

    /**
     * The one outcome an accepted case can have with the stand-in's stubs: SUCCESS for the
     * RegistrationID its success stub answers (AOP-554, src/test/resources/wiremock/mappings/
     * success.json), and for any other RegistrationID the fallback stub's 500, which is an ERROR
     * (REST 502) after one call (a 500 is not retried: docs/testing.md, Upstream fault matrix).
     */
    static Outcome acceptedOutcome(HostileCase c) throws IOException {
        String registrationId;
        if (c.input() instanceof FieldValue field && field.field().equals("RegistrationID")) {
            registrationId = field.csv() != null
                    ? field.csv()
                    : JSON.readTree(field.json()).asText();
        } else if (c.input() instanceof JsonBody whole) {
            registrationId = JSON.readTree(whole.json()).path("RegistrationID").asText();
        } else {
            registrationId = HostileCorpus.VALID.get("RegistrationID");
        }
        return "AOP-554".equals(registrationId) ? Outcome.SUCCESS : Outcome.ERROR;
    }

    static List<String> outcomes(List<CSVRecord> rows) {
        return rows.stream().map(r -> r.get("outcome")).toList();
    }

    List<CSVRecord> resultRows(String stem) throws IOException {
        Path result = outbox.resolve(stem + ".result.csv");
        Path refused = error.resolve(stem + ".error.txt");
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(result) || Files.exists(refused));
        if (!Files.exists(result)) {
            fail("no result file: " + Files.readString(refused));
        }
        String text = Files.readString(result, StandardCharsets.UTF_8);
        assertClean(text, "result file " + result.getFileName());
        try (Reader in = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
            List<CSVRecord> rows = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .getRecords();
            for (CSVRecord row : rows) {
                for (String correlation : HostileCorpus.CORRELATION) {
                    String cell = row.get(correlation);
                    assertTrue(
                            cell.isEmpty() || "=+-@".indexOf(cell.charAt(0)) < 0,
                            "a formula in the result file: " + cell);
                }
            }
            return rows;
        }
    }

    // --- afterwards -----------------------------------------------------------------

    @Test
    @Order(5)
    void everyChannelStillServesAValidRequestAfterTheCorpus() throws Exception {
        Response rest = given().contentType("application/json")
                .body(HostileCorpus.request("after-rest"))
                .post(PATH);
        assertEquals(200, rest.statusCode(), rest.asString());
        try (JMSContext jms = new ActiveMQConnectionFactory(
                        ArtemisTestBroker.coreUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)
                .createContext()) {
            Message request = jms.createTextMessage(HostileCorpus.request("after-jms"));
            String correlation = "JMS-after-" + UUID.randomUUID();
            request.setJMSCorrelationID(correlation);
            jms.createProducer().send(jms.createQueue(REQUESTS), request);
            Arrival arrival = awaitAnywhere(correlation);
            assertEquals("aopay.resendotp.success", arrival.queue, arrival.body);
        }
        String stem = RUN + "-after";
        drop(
                inbox,
                stem,
                (HostileCorpus.HEADER + "\n" + HostileCorpus.csvRow("after-csv") + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("SUCCESS"), outcomes(resultRows(stem)));
        OutputHygiene.capture(
                "metrics", "hostile", Management.given().get("/q/metrics").asString());
        assertEquals(List.of(), TWICE, "each JMS message ends in exactly one place");
    }

    @AfterAll
    static void noFullIdentityNumberReachedTheLog() throws Exception {
        LogScan.assertNoSecretsInApplicationLog();
    }

    /** No full identity number, no stack trace. */
    static void assertClean(String output, String where) {
        if (output == null) {
            return;
        }
        for (String secret : TestData.SECRETS) {
            assertFalse(output.contains(secret), "full identity number in " + where);
        }
        assertFalse(
                STACK_TRACE.matcher(output).find(),
                "stack trace in " + where + ": " + output.substring(0, Math.min(output.length(), 2000)));
    }
}
