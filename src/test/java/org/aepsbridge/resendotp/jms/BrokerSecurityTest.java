package org.aepsbridge.resendotp.jms;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.aepsbridge.resendotp.support.AopayJournal;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The broker authenticates and authorises (docs/jms.md, "Who may use the broker"),
 * against a real Artemis broker with security on, over CORE, AMQP 1.0 and STOMP: no one
 * gets in without a valid user, a sender may only send requests, a receiver may only read
 * results, nobody but the bundle reads the request queue, and a JMS result names as its
 * client the user the broker authenticated for the request.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
@QuarkusTestResource(ArtemisTestBroker.class)
class BrokerSecurityTest {

    @AopayStandIn.Inject
    WireMockServer aopay;

    static final String REQUESTS = "aopay.resendotp.requests";
    static final String SUCCESS = "aopay.resendotp.success";
    static final long WAIT_MS = 15_000;
    static final ObjectMapper JSON = new ObjectMapper();

    static JMSContext core(String user, String password) {
        return new ActiveMQConnectionFactory(ArtemisTestBroker.coreUrl(), user, password).createContext();
    }

    /** An AMQP 1.0 (Qpid JMS) context, connected: Qpid connects lazily, at start at the latest. */
    static JMSContext amqp(String user, String password) {
        JMSContext context = new JmsConnectionFactory(user, password, ArtemisTestBroker.amqpUrl()).createContext();
        try {
            context.start();
            return context;
        } catch (RuntimeException refused) {
            context.close();
            throw refused;
        }
    }

    // --- authentication -------------------------------------------------------------

    @Test
    void aWrongPasswordIsRefusedOnCoreAmqpAndStomp() throws Exception {
        assertThrows(
                JMSSecurityRuntimeException.class,
                () -> core(BrokerUsers.CLIENT, BrokerUsers.SENDER_PASSWORD).close());
        assertThrows(
                JMSSecurityRuntimeException.class,
                () -> amqp(BrokerUsers.CLIENT, BrokerUsers.SENDER_PASSWORD).close());
        try (Stomp stomp = Stomp.connect(BrokerUsers.CLIENT, BrokerUsers.SENDER_PASSWORD)) {
            assertEquals("ERROR", stomp.answer.command(), stomp.answer.toString());
        }
    }

    @Test
    void anUnknownUserIsRefused() {
        assertThrows(
                JMSSecurityRuntimeException.class,
                () -> core("nobody", BrokerUsers.CLIENT_PASSWORD).close());
    }

    @Test
    void anonymousConnectionsAreRefusedOnCoreAmqpAndStomp() throws Exception {
        assertThrows(
                JMSSecurityRuntimeException.class,
                () -> new ActiveMQConnectionFactory(ArtemisTestBroker.coreUrl())
                        .createContext()
                        .close());
        assertThrows(JMSSecurityRuntimeException.class, () -> amqp(null, null).close());
        try (Stomp stomp = Stomp.connect(null, null)) {
            assertEquals("ERROR", stomp.answer.command(), stomp.answer.toString());
        }
        // "guest" is no way in either
        assertThrows(
                JMSSecurityRuntimeException.class, () -> core("guest", "guest").close());
    }

    @Test
    void hostileCredentialsAreRefusedAndTheBrokerStillServes() throws Exception {
        String huge = "x".repeat(64 * 1024);
        String[][] cases = {
            {"", ""},
            {BrokerUsers.CLIENT, ""},
            {BrokerUsers.CLIENT, huge},
            {huge, BrokerUsers.CLIENT_PASSWORD},
            {BrokerUsers.CLIENT + "\u0000", BrokerUsers.CLIENT_PASSWORD},
            {"t\u0435st-client", BrokerUsers.CLIENT_PASSWORD}, // a Cyrillic e
            {BrokerUsers.CLIENT.toUpperCase(java.util.Locale.ROOT), BrokerUsers.CLIENT_PASSWORD},
            {BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD + " "},
        };
        for (String[] c : cases) {
            String shown = c[0].length() > 40 ? c[0].length() + " characters" : c[0];
            assertThrows(
                    JMSSecurityRuntimeException.class, () -> core(c[0], c[1]).close(), "CORE login " + shown);
            // Not over AMQP with 64 KB credentials: Artemis 2.50 then stalls the connection (the client times
            // out) and one of its I/O threads spins; docs/known-limits.md.
            if (c[0].length() + c[1].length() < 1024) {
                assertThrows(
                        JMSSecurityRuntimeException.class,
                        () -> amqp(c[0], c[1]).close(),
                        "AMQP login " + shown);
            }
        }
        try (Stomp stomp = Stomp.connect(huge, huge)) {
            assertEquals("ERROR", stomp.answer.command(), "a 64 KB STOMP login");
        }
        core(BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD).close();
    }

    @Test
    void theRightPasswordGetsInOnEveryProtocol() throws Exception {
        // the refusals above are about the credentials, not about the protocols
        core(BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD).close();
        amqp(BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD).close();
        try (Stomp stomp = Stomp.connect(BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)) {
            assertEquals("CONNECTED", stomp.answer.command(), stomp.answer.toString());
        }
    }

    // --- authorisation ----------------------------------------------------------------

    @Test
    void aSenderCannotConsumeOrBrowseTheRequestQueueNorReadResults() {
        try (JMSContext sender = core(BrokerUsers.SENDER, BrokerUsers.SENDER_PASSWORD)) {
            Queue requests = sender.createQueue(REQUESTS);
            assertThrows(JMSSecurityRuntimeException.class, () -> sender.createConsumer(requests));
            assertThrows(
                    JMSSecurityException.class,
                    () -> sender.createBrowser(requests).getEnumeration());
            assertThrows(JMSSecurityRuntimeException.class, () -> sender.createConsumer(sender.createQueue(SUCCESS)));
            assertThrows(
                    JMSSecurityRuntimeException.class,
                    () -> sender.createTemporaryQueue(),
                    "a reply queue is for a user that may read results");
        }
    }

    @Test
    void aReceiverCannotSendRequestsNorReadTheRequestQueue() {
        try (JMSContext receiver = core(BrokerUsers.RECEIVER, BrokerUsers.RECEIVER_PASSWORD)) {
            Queue requests = receiver.createQueue(REQUESTS);
            assertThrows(
                    JMSSecurityRuntimeException.class,
                    () -> receiver.createProducer().send(requests, TestData.request("AOP-554")));
            assertThrows(JMSSecurityRuntimeException.class, () -> receiver.createConsumer(requests));
            assertThrows(
                    JMSSecurityRuntimeException.class,
                    () -> receiver.createProducer().send(receiver.createQueue(SUCCESS), "{\"outcome\":\"SUCCESS\"}"),
                    "only the bundle writes results");
        }
    }

    @Test
    void aClientCannotReadTheRequestQueueNorMakeQueuesOfItsOwnBesideReplyQueues() {
        try (JMSContext client = core(BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)) {
            assertThrows(JMSSecurityRuntimeException.class, () -> client.createConsumer(client.createQueue(REQUESTS)));
            assertThrows(
                    JMSSecurityRuntimeException.class,
                    () -> client.createProducer().send(client.createQueue("aopay.resendotp.elsewhere"), "x"));
        }
    }

    @Test
    void theBundleCannotReadResultsNorSendRequests() {
        try (JMSContext bundle = core(BrokerUsers.BUNDLE, BrokerUsers.BUNDLE_PASSWORD)) {
            assertThrows(JMSSecurityRuntimeException.class, () -> bundle.createConsumer(bundle.createQueue(SUCCESS)));
            assertThrows(
                    JMSSecurityRuntimeException.class,
                    () -> bundle.createProducer().send(bundle.createQueue(REQUESTS), TestData.request("AOP-554")));
        }
    }

    // --- the validated user is the request's client ---------------------------------------

    @Test
    void aSendersRequestIsAnsweredToAReceiverNamingTheSenderAsClient() throws Exception {
        String correlation = "sender-" + UUID.randomUUID();
        try (JMSContext sender = core(BrokerUsers.SENDER, BrokerUsers.SENDER_PASSWORD);
                JMSContext receiver = core(BrokerUsers.RECEIVER, BrokerUsers.RECEIVER_PASSWORD)) {
            TextMessage request = sender.createTextMessage(TestData.request("AOP-554"));
            request.setJMSCorrelationID(correlation);
            // a claim of its own is not who it is: the broker stamps the user it authenticated
            request.setStringProperty("_AMQ_VALIDATED_USER", BrokerUsers.CLIENT);
            request.setStringProperty("client", BrokerUsers.CLIENT);
            sender.createProducer().send(sender.createQueue(REQUESTS), request);
            Message result = receiver.createConsumer(
                            receiver.createQueue(SUCCESS), "JMSCorrelationID = '" + correlation + "'")
                    .receive(WAIT_MS);
            assertNotNull(result, "no result on " + SUCCESS);
            assertEquals(
                    "SUCCESS",
                    JSON.readTree(result.getBody(String.class)).get("outcome").asText());
            assertEquals(BrokerUsers.SENDER, result.getStringProperty("client"));
        }
    }

    @Test
    void anAmqpClientsReplyNamesItsValidatedUser() throws Exception {
        try (JMSContext amqp = amqp(BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)) {
            Queue replies = amqp.createTemporaryQueue();
            TextMessage request = amqp.createTextMessage(TestData.request("AOP-REFUSED"));
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("amqp-" + UUID.randomUUID());
            // AMQP's user-id is the sender's own claim: the broker stamps whom it authenticated over it
            request.setStringProperty("JMSXUserID", BrokerUsers.SENDER);
            amqp.createProducer().send(amqp.createQueue(REQUESTS), request);
            Message reply = amqp.createConsumer(replies).receive(WAIT_MS);
            assertNotNull(reply, "no reply on the temporary queue");
            assertEquals(
                    "FAILED",
                    JSON.readTree(reply.getBody(String.class)).get("outcome").asText());
            assertEquals(BrokerUsers.CLIENT, reply.getStringProperty("client"));
        }
    }

    @Test
    void aNamedReplyQueueByTheConventionGetsTheReply() throws Exception {
        try (JMSContext client = core(BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)) {
            Queue replies = client.createQueue("aopay.resendotp.replies.legacy-" + UUID.randomUUID());
            var consumer = client.createConsumer(replies); // a receiver may make its own reply queue there
            TextMessage request = client.createTextMessage(TestData.request("AOP-554"));
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("named-" + UUID.randomUUID());
            client.createProducer().send(client.createQueue(REQUESTS), request);
            Message reply = consumer.receive(WAIT_MS);
            assertNotNull(reply, "no reply on " + replies);
            assertEquals(request.getJMSCorrelationID(), reply.getJMSCorrelationID());
            assertEquals(BrokerUsers.CLIENT, reply.getStringProperty("client"));
        }
    }

    @Test
    void aReplyToWhereTheBundleMayNotSendIsADeadLetterAtOnceAndNeverSent() throws Exception {
        // the bundle may not send requests, not even as a "reply": no request loops back in, and
        // none is sent to AOPay whose result could reach nobody
        try (JMSContext client = core(BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)) {
            TextMessage request = client.createTextMessage(TestData.request("AOP-LOOP"));
            request.setJMSReplyTo(client.createQueue(REQUESTS));
            request.setJMSCorrelationID("loop-" + UUID.randomUUID());
            client.createProducer().send(client.createQueue(REQUESTS), request);
            Message dead = client.createConsumer(
                            client.createQueue("aopay.resendotp.dlq"),
                            "JMSCorrelationID = '" + request.getJMSCorrelationID() + "'")
                    .receive(WAIT_MS);
            assertNotNull(dead, "the request must reach the DLQ");
            assertEquals(
                    "the message's JMSReplyTo aopay.resendotp.requests is no queue the bundle may reply to: a temporary"
                            + " queue, a result queue, or one matching aopay.resendotp.replies.# (aopay.jms.reply-queues)",
                    dead.getStringProperty(DeadLetterReason.REASON));
            assertEquals(1, dead.getIntProperty(DeadLetterReason.ATTEMPTS), "no redelivery can fix it");
            assertEquals(
                    0,
                    aopay.countRequestsMatching(postRequestedFor(urlPathEqualTo(AopayJournal.RESEND_PATH))
                                    .withRequestBody(matchingJsonPath("$.RegistrationID", WireMock.equalTo("AOP-LOOP")))
                                    .build())
                            .getCount());
        }
    }

    @Test
    void overStompTooASenderMaySendRequestsButNotReadThem() throws Exception {
        try (Stomp sender = Stomp.connect(BrokerUsers.SENDER, BrokerUsers.SENDER_PASSWORD)) {
            assertEquals("CONNECTED", sender.answer.command(), sender.answer.toString());
            // a request the broker takes (its receipt); the bundle consumes it like any other
            sender.send(
                    "SEND",
                    Map.of(
                            "destination",
                            REQUESTS,
                            "destination-type",
                            "ANYCAST",
                            "receipt",
                            "r-1",
                            "correlation-id",
                            "stomp-" + UUID.randomUUID(),
                            "content-type",
                            "application/json"),
                    TestData.request("AOP-554"));
            Frame receipt = sender.read();
            assertEquals("RECEIPT", receipt.command(), receipt.toString());
            assertEquals("r-1", receipt.headers().get("receipt-id"));
            sender.send("SUBSCRIBE", Map.of("id", "1", "destination", REQUESTS, "subscription-type", "ANYCAST"), "");
            Frame refused = sender.read();
            assertEquals("ERROR", refused.command(), refused.toString());
        }
    }

    /** A STOMP frame as read off the wire. */
    record Frame(String command, Map<String, String> headers, String body) {}

    /** A minimal STOMP 1.2 client over a plain socket: what a legacy script does (samples/stomp_request.py). */
    static final class Stomp implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        Frame answer;

        private Stomp(Socket socket) throws IOException {
            this.socket = socket;
            this.socket.setSoTimeout((int) WAIT_MS);
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Connects (with login and passcode unless null) and reads the broker's answer: CONNECTED or ERROR. */
        static Stomp connect(String login, String passcode) throws IOException {
            Stomp stomp = new Stomp(new Socket("127.0.0.1", ArtemisTestBroker.port));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("accept-version", "1.2");
            headers.put("host", "localhost");
            if (login != null) {
                headers.put("login", login);
                headers.put("passcode", passcode);
            }
            stomp.send("CONNECT", headers, "");
            stomp.answer = stomp.read();
            return stomp;
        }

        void send(String command, Map<String, String> headers, String body) throws IOException {
            StringBuilder frame = new StringBuilder(command).append('\n');
            headers.forEach((k, v) -> frame.append(k).append(':').append(v).append('\n'));
            frame.append('\n').append(body).append('\0');
            out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** The next frame (heart-beat newlines skipped); a frame of command "EOF" when the broker closed the connection. */
        Frame read() throws IOException {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != 0) {
                if (bytes.size() == 0 && (b == '\n' || b == '\r')) {
                    continue;
                }
                bytes.write(b);
            }
            if (b == -1 && bytes.size() == 0) {
                return new Frame("EOF", Map.of(), "");
            }
            String text = bytes.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\n\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 2);
            String[] lines = head.split("\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
                }
            }
            return new Frame(lines[0].trim(), headers, body);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
