package org.aepsbridge.resendotp.observe;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.CapturedSpans;
import org.aepsbridge.resendotp.support.OwnFolders;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tracing (docs/tracing.md) with the SDK's in-memory exporter: one trace per request from its
 * channel through the core to the AOPay call, for REST, each CSV row and each JMS message; a JMS
 * message's W3C trace context continues the caller's trace, and its result carries it on. The
 * core's span names request id, channel, outcome and client; no span holds a full number.
 */
@QuarkusTest
@TestProfile(TracingTest.Traced.class)
@QuarkusTestResource(AopayStandIn.class)
@QuarkusTestResource(ArtemisTestBroker.class)
class TracingTest {

    /**
     * The SDK on, as an OTLP endpoint would turn it on, exporting to the test's own exporter only: a
     * SpanExporter bean (CapturedSpans) takes the OTLP exporter's place, so nothing tries localhost:4317.
     */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return OwnFolders.with(
                    "tracing",
                    Map.of(
                            "quarkus.otel.sdk.disabled", "false",
                            // CapturedSpans gets batches: small ones, soon
                            "quarkus.otel.bsp.schedule.delay", "100ms"));
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(CapturedSpans.class);
        }
    }

    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final AttributeKey<String> COMPONENT = AttributeKey.stringKey("component");
    static final AttributeKey<String> OP = AttributeKey.stringKey("op");
    static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Inject
    CapturedSpans spans;

    @ConfigProperty(name = "aopay.file.inbox")
    Path inbox;

    @ConfigProperty(name = "aopay.file.outbox")
    Path outbox;

    @AfterEach
    void noSpanHoldsAFullNumber() {
        for (SpanData span : spans.finished()) {
            String text = CapturedSpans.describe(span);
            for (String secret : TestData.SECRETS) {
                assertFalse(
                        text.contains(secret),
                        () -> "a span holds a full number " + secret.substring(0, 2) + "…: "
                                + text.replace(secret, "…"));
            }
        }
    }

    @Test
    void aRestRequestIsOneTraceFromTheHttpRequestThroughTheCoreToAopay() throws Exception {
        String body = given().contentType("application/json")
                .body(TestData.request("AOP-554"))
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String requestId = JSON.readTree(body).get("requestId").asText();

        SpanData core = awaitCoreSpan(requestId);
        assertCoreNames(core, requestId, "rest", "SUCCESS", "test");
        Trace trace = trace(core.getTraceId());
        SpanData root = trace.root();
        assertEquals(
                "camel-rest", root.getAttributes().get(COMPONENT), "the trace begins at the REST endpoint: " + trace);
        assertEquals(
                "/api/v1/resend-otp",
                URI.create(root.getAttributes().get(AttributeKey.stringKey("http.url")))
                        .getPath());
        assertTrue(trace.isAncestor(root, core), trace.toString());
        SpanData aopay = trace.aopayCall();
        assertTrue(trace.isAncestor(core, aopay), "the AOPay call is a child of the core: " + trace);
        assertEquals("POST", aopay.getName());
        assertEquals("200", aopay.getAttributes().get(AttributeKey.stringKey("http.status_code")));
    }

    @Test
    void aRestCallersTraceContextContinues() throws Exception {
        String body = given().contentType("application/json")
                .header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01")
                .body(TestData.request("AOP-554"))
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        SpanData core = awaitCoreSpan(JSON.readTree(body).get("requestId").asText());
        assertEquals(CALLER_TRACE, core.getTraceId());
        assertEquals(
                CALLER_SPAN,
                trace(CALLER_TRACE).root().getParentSpanId(),
                "the channel's span is a child of the caller's");
    }

    @Test
    void eachCsvRowIsATraceOfItsOwnThroughTheCoreToAopay() throws Exception {
        String stem = "traced-" + System.nanoTime();
        String header = "Userkey,Mobile,AdhaarNumber,PrimaryKeyId,EncodeTxnId,RegistrationID";
        String row = "AOP554N3X," + TestData.MOBILE + "," + TestData.AADHAAR + ",TEST,DEMO,AOP-554";
        Files.createDirectories(inbox);
        Path staging = inbox.resolveSibling(stem + ".staging");
        Files.writeString(staging, header + "\n" + row + "\n" + row + "\n", StandardCharsets.UTF_8);
        Files.move(staging, inbox.resolve(stem + ".csv"));
        Path result = outbox.resolve(stem + ".result.csv");
        await().atMost(WAIT).until(() -> Files.exists(result));

        // This profile's drop folder is this test's own: every core span of the file channel is one of these rows
        List<SpanData> cores = await().atMost(WAIT)
                .until(
                        () -> spans.finished().stream()
                                .filter(s -> "file".equals(s.getAttributes().get(TraceAttributes.CHANNEL)))
                                .toList(),
                        found -> found.size() == 2);
        for (SpanData core : cores) {
            assertCoreNames(
                    core, core.getAttributes().get(TraceAttributes.REQUEST_ID), "file", "SUCCESS", "drop-folder");
            Trace trace = trace(core.getTraceId());
            SpanData root = trace.root();
            assertEquals("csv-row", root.getName(), "the row's trace begins with the row: " + trace);
            assertFalse(root.getParentSpanContext().isValid(), "a trace of its own: " + trace);
            assertTrue(trace.isAncestor(root, core), trace.toString());
            assertTrue(trace.isAncestor(core, trace.aopayCall()), trace.toString());
            String fileTrace = core.getAttributes().get(TraceAttributes.FILE_TRACE);
            assertNotNull(fileTrace, "the row names its file's trace");
            String fileTraceId = fileTrace.split("-")[1];
            assertNotEquals(core.getTraceId(), fileTraceId, "the row is not in the file's trace");
            assertEquals(
                    "camel-master",
                    trace(fileTraceId).root().getAttributes().get(COMPONENT),
                    "the file's trace begins at the drop folder");
        }
        assertNotEquals(cores.get(0).getTraceId(), cores.get(1).getTraceId(), "one trace per row");
    }

    @Test
    void aJmsMessageWithATraceparentContinuesThatTraceAndItsResultCarriesIt() throws Exception {
        String callerTrace = CALLER_TRACE.replace('4', '5');
        try (JMSContext jms = broker()) {
            String correlation = send(jms, "00-" + callerTrace + "-" + CALLER_SPAN + "-01", null);
            Message result = jms.createConsumer(
                            jms.createQueue("aopay.resendotp.success"), "JMSCorrelationID = '" + correlation + "'")
                    .receive(WAIT.toMillis());
            SpanData core = awaitCoreSpan(requestIdOf(result));
            assertEquals(callerTrace, core.getTraceId(), "the message's trace continues");
            assertCoreNames(core, requestIdOf(result), "jms", "SUCCESS", BrokerUsers.CLIENT);
            Trace trace = trace(callerTrace);
            SpanData root = trace.root();
            assertEquals(
                    CALLER_SPAN, root.getParentSpanId(), "the consumer's span is a child of the sender's: " + trace);
            assertEquals("camel-jms", root.getAttributes().get(COMPONENT));
            assertTrue(trace.isAncestor(root, core), trace.toString());
            assertTrue(trace.isAncestor(core, trace.aopayCall()), trace.toString());
            assertEquals(
                    callerTrace,
                    traceIdCarriedBy(result),
                    "the result on the outcome's queue is in the request's trace");
        }
    }

    @Test
    void aResultOnTheJmsReplyToCarriesTheRequestsTrace() throws Exception {
        String callerTrace = CALLER_TRACE.replace('4', '6');
        try (JMSContext jms = broker()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            send(jms, "00-" + callerTrace + "-" + CALLER_SPAN + "-01", replies);
            Message reply = jms.createConsumer(replies).receive(WAIT.toMillis());
            assertEquals(callerTrace, traceIdCarriedBy(reply), "the reply is in the request's trace");
            assertEquals(callerTrace, awaitCoreSpan(requestIdOf(reply)).getTraceId());
        }
    }

    @Test
    void aJmsMessageWithoutTraceContextStartsATrace() throws Exception {
        try (JMSContext jms = broker()) {
            String correlation = send(jms, null, null);
            Message result = jms.createConsumer(
                            jms.createQueue("aopay.resendotp.success"), "JMSCorrelationID = '" + correlation + "'")
                    .receive(WAIT.toMillis());
            Trace trace = trace(awaitCoreSpan(requestIdOf(result)).getTraceId());
            assertEquals("camel-jms", trace.root().getAttributes().get(COMPONENT));
            assertFalse(trace.root().getParentSpanContext().isValid(), "a trace of its own: " + trace);
            assertEquals(trace.root().getTraceId(), traceIdCarriedBy(result));
        }
    }

    static JMSContext broker() {
        return new ActiveMQConnectionFactory(
                        ArtemisTestBroker.coreUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)
                .createContext();
    }

    /** Sends a request, with the given W3C traceparent property and JMSReplyTo if not null; returns its correlation id. */
    static String send(JMSContext jms, String traceparent, Destination replyTo) throws Exception {
        String correlation = UUID.randomUUID().toString();
        TextMessage request = jms.createTextMessage(TestData.request("AOP-554"));
        request.setJMSCorrelationID(correlation);
        if (traceparent != null) {
            request.setStringProperty("traceparent", traceparent);
        }
        if (replyTo != null) {
            request.setJMSReplyTo(replyTo);
        }
        jms.createProducer().send(jms.createQueue("aopay.resendotp.requests"), request);
        return correlation;
    }

    static String requestIdOf(Message result) throws Exception {
        assertNotNull(result, "no result arrived");
        return JSON.readTree(result.getBody(String.class)).get("requestId").asText();
    }

    /** The trace id of the result message's traceparent property (version-traceid-spanid-flags). */
    static String traceIdCarriedBy(Message result) throws Exception {
        assertNotNull(result, "no result arrived");
        String traceparent = result.getStringProperty("traceparent");
        assertNotNull(traceparent, "the result message carries the trace context");
        return traceparent.split("-")[1];
    }

    SpanData awaitCoreSpan(String requestId) {
        return await().atMost(WAIT)
                .until(() -> coreSpan(requestId), Optional::isPresent)
                .get();
    }

    Optional<SpanData> coreSpan(String requestId) {
        return spans.finished().stream()
                .filter(s -> requestId.equals(s.getAttributes().get(TraceAttributes.REQUEST_ID)))
                .findFirst();
    }

    static void assertCoreNames(SpanData core, String requestId, String channel, String outcome, String client) {
        assertEquals("resend", core.getName(), "the attributes are on the core's span");
        assertEquals(requestId, core.getAttributes().get(TraceAttributes.REQUEST_ID));
        assertEquals(channel, core.getAttributes().get(TraceAttributes.CHANNEL));
        assertEquals(outcome, core.getAttributes().get(TraceAttributes.OUTCOME));
        assertEquals(client, core.getAttributes().get(TraceAttributes.CLIENT));
    }

    /** The finished spans of one trace, once its root has ended (the root ends last). */
    Trace trace(String traceId) {
        return await().atMost(WAIT)
                .until(
                        () -> new Trace(spans.finished().stream()
                                .filter(s -> s.getTraceId().equals(traceId))
                                .toList()),
                        t -> t.hasRoot());
    }

    record Trace(List<SpanData> spans) {

        /** Its first span has ended (a parent ends after its children). */
        boolean hasRoot() {
            return spans.stream().anyMatch(s -> byId(s.getParentSpanId()) == null);
        }

        /** The trace's first span here: the one whose parent is not in this process. */
        SpanData root() {
            List<SpanData> roots = spans.stream()
                    .filter(s -> byId(s.getParentSpanId()) == null)
                    .toList();
            assertEquals(1, roots.size(), "one root: " + this);
            return roots.get(0);
        }

        SpanData byId(String spanId) {
            return spans.stream()
                    .filter(s -> s.getSpanId().equals(spanId))
                    .findFirst()
                    .orElse(null);
        }

        boolean isAncestor(SpanData ancestor, SpanData span) {
            for (SpanData at = byId(span.getParentSpanId()); at != null; at = byId(at.getParentSpanId())) {
                if (at.getSpanId().equals(ancestor.getSpanId())) {
                    return true;
                }
            }
            return false;
        }

        /** The HTTP client span of the AOPay call. */
        SpanData aopayCall() {
            List<SpanData> calls = spans.stream()
                    .filter(s -> "camel-http".equals(s.getAttributes().get(COMPONENT))
                            && "EVENT_SENT".equals(s.getAttributes().get(OP)))
                    .toList();
            assertEquals(1, calls.size(), "one AOPay call: " + this);
            return calls.get(0);
        }

        @Override
        public String toString() {
            return spans.stream().map(CapturedSpans::describe).collect(Collectors.joining("\n  ", "trace:\n  ", ""));
        }
    }
}
