package org.aepsbridge.resendotp.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.OwnBroker;
import org.aepsbridge.resendotp.support.StompClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * The claim key of a request message (JmsMessages.claimKey) against a real Artemis broker
 * of this test's own (the suite's shared test broker is never stopped here): every client
 * kind gets one, and the same one when the broker delivers the message again after a
 * rollback and after a broker restart with the same journal. Read through pooled-jms over
 * the Artemis JMS client, as the bundle reads it.
 */
class ClaimKeyTest {

    /** The request queue of a broker of this test's own, laid out and secured as the test broker is. */
    static final String QUEUE = "aopay.resendotp.requests";

    OwnBroker own;
    int port;

    @BeforeEach
    void startBroker() throws Exception {
        own = OwnBroker.start("claim-key-");
        port = own.port;
    }

    @AfterEach
    void stopBroker() throws Exception {
        own.stop();
    }

    @Test
    void everyClientsMessageHasAKeyThatSurvivesRedeliveryAndABrokerRestart() throws Exception {
        sendFromEveryClient();
        Map<String, String> first = keysByCorrelation(true);
        Map<String, String> redelivered = keysByCorrelation(true);
        own.restart();
        Map<String, String> afterRestart = keysByCorrelation(false);

        assertEquals(6, first.size(), "one key per message: " + first);
        assertEquals(6, new java.util.HashSet<>(first.values()).size(), "no two messages share a key: " + first);
        assertEquals(first, redelivered, "a redelivery has the same key");
        assertEquals(first, afterRestart, "a delivery after a broker restart has the same key");
        String node = own.broker().getActiveMQServer().getNodeID().toString();
        // An AMQP message-id is no key: over CORE its JMSMessageID is new at each delivery, and the
        // message-id itself is whatever the client chose.
        for (String brokerKeyed :
                new String[] {"stomp-1.2-bytes", "stomp-1.0-text", "amqp-no-id", "amqp-with-id", "core-no-id"}) {
            assertTrue(
                    first.get(brokerKeyed).matches("artemis:" + node + ":\\d+"),
                    brokerKeyed + ": the broker's id for it is the key, was " + first.get(brokerKeyed));
        }
        assertEquals(coreMessageId, first.get("core-with-id"), "a CORE client's JMSMessageID stays the key");
        assertEquals(
                3,
                new java.util.HashSet<>(amqpJmsMessageIds).size(),
                "why an AMQP message's JMSMessageID is no key: the broker makes a new one at each delivery "
                        + amqpJmsMessageIds);
    }

    /** Two STOMP frames (persistent, as a request must be to outlive a broker restart), AMQP and CORE with and without ids. */
    void sendFromEveryClient() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        try (StompClient stomp =
                StompClient.connect("127.0.0.1", port, "1.2", BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)) {
            stomp.send("SEND", stompHeaders("stomp-1.2-bytes"), body, true);
        }
        try (StompClient stomp =
                StompClient.connect("127.0.0.1", port, "1.0", BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)) {
            stomp.send("SEND", stompHeaders("stomp-1.0-text"), body, false);
        }
        try (JMSContext amqp = new JmsConnectionFactory(
                        BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD, "amqp://127.0.0.1:" + port)
                .createContext()) {
            send(amqp, "amqp-no-id", true);
            send(amqp, "amqp-with-id", false);
        }
        try (JMSContext core = new ActiveMQConnectionFactory(
                        "tcp://127.0.0.1:" + port, BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)
                .createContext()) {
            send(core, "core-no-id", true);
            coreMessageId = send(core, "core-with-id", false);
        }
    }

    static Map<String, String> stompHeaders(String correlation) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("destination", QUEUE);
        headers.put("destination-type", "ANYCAST");
        headers.put("correlation-id", correlation);
        headers.put("persistent", "true");
        return headers;
    }

    String coreMessageId;

    static String send(JMSContext jms, String correlation, boolean disableMessageId) throws Exception {
        TextMessage message = jms.createTextMessage("{}");
        message.setJMSCorrelationID(correlation);
        jms.createProducer().setDisableMessageID(disableMessageId).send(jms.createQueue(QUEUE), message);
        if (disableMessageId) {
            assertNull(message.getJMSMessageID(), correlation + ": the client must send no message id");
        }
        return message.getJMSMessageID();
    }

    /** Receives every message in one transaction, keyed as the bundle keys it; commits (last look) or rolls back. */
    /** The JMSMessageID a CORE consumer saw for the AMQP message with a message-id, at each look. */
    final java.util.List<String> amqpJmsMessageIds = new java.util.ArrayList<>();

    Map<String, String> keysByCorrelation(boolean rollback) throws Exception {
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        // read as the bundle reads it: only the bundle's user may consume requests
        pool.setConnectionFactory(new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + port, BrokerUsers.BUNDLE, BrokerUsers.BUNDLE_PASSWORD));
        Map<String, String> keys = new HashMap<>();
        try (Connection connection = pool.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            for (int i = 0; i < 6; i++) {
                Message message = consumer.receive(10_000);
                assertNotNull(message, "message " + (i + 1) + " of 6 did not arrive; got " + keys);
                keys.put(message.getJMSCorrelationID(), JmsMessages.claimKey(message, session));
                if (message.getJMSCorrelationID().equals("amqp-with-id")) {
                    amqpJmsMessageIds.add(message.getJMSMessageID());
                }
                if (message.getJMSCorrelationID().startsWith("amqp-")) {
                    // what the broker got: an AMQP message-id shows as NATIVE_MESSAGE_ID, so Qpid JMS really sent none
                    assertEquals(
                            message.getJMSCorrelationID().equals("amqp-with-id"),
                            message.propertyExists(JmsMessages.AMQP_MESSAGE_ID),
                            message.getJMSCorrelationID() + ": message-id on the wire");
                }
            }
            if (rollback) {
                session.rollback();
            } else {
                session.commit();
            }
        } finally {
            pool.stop();
        }
        return keys;
    }
}
