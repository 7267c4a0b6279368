package org.aepsbridge.resendotp.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import java.util.Arrays;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.OwnBroker;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker keeps at most {@link EmbeddedBroker#GLOBAL_MAX_SIZE} (64 MiB) of messages in
 * memory, whatever the heap: a request queue that backs up beyond it pages to disk, and every
 * message still arrives, in order. Without the cap Artemis allows half the heap (gigabytes in this
 * test's JVM), and the queue below would never page.
 */
class EmbeddedBrokerMemoryTest {

    static final String QUEUE = "aopay.resendotp.requests";
    /** Below the client's large-message threshold (100 KiB), so each message counts in memory whole. */
    static final int MESSAGE_BYTES = 90 * 1024;
    /** ~79 MiB queued: more than the cap. */
    static final int MESSAGES = 900;

    OwnBroker own;

    @BeforeEach
    void startBroker() throws Exception {
        own = OwnBroker.start("broker-memory-");
    }

    @AfterEach
    void stopBroker() throws Exception {
        // ~80 MiB of journal and page files: not left for the output checks to read.
        own.stopAndDelete();
    }

    @Test
    void aBackedUpQueuePagesBeyondTheCapAndLosesNothing() throws Exception {
        assertEquals(
                64L * 1024 * 1024,
                own.broker().getActiveMQServer().getPagingManager().getMaxSize(),
                "the broker's global limit");
        try (JMSContext sender = factory().createContext(BrokerUsers.SENDER, BrokerUsers.SENDER_PASSWORD)) {
            JMSProducer producer = sender.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < MESSAGES; i++) {
                BytesMessage message = sender.createBytesMessage();
                message.writeBytes(body(i));
                producer.send(sender.createQueue(QUEUE), message);
            }
        }
        assertTrue(
                own.broker()
                        .getActiveMQServer()
                        .getPagingManager()
                        .getPageStore(SimpleString.of(QUEUE))
                        .isPaging(),
                "the request address pages once the queued messages pass 64 MiB");

        try (JMSContext bundle = factory().createContext(BrokerUsers.BUNDLE, BrokerUsers.BUNDLE_PASSWORD);
                JMSConsumer consumer = bundle.createConsumer(bundle.createQueue(QUEUE))) {
            for (int i = 0; i < MESSAGES; i++) {
                BytesMessage message = (BytesMessage) consumer.receive(30_000);
                assertNotNull(message, "message " + i + " of " + MESSAGES);
                byte[] read = new byte[MESSAGE_BYTES];
                assertEquals(MESSAGE_BYTES, message.readBytes(read), "message " + i + "'s length");
                assertArrayEquals(body(i), read, "message " + i + " whole and in order");
            }
            assertEquals(null, consumer.receiveNoWait(), "no message more than was sent");
        }
    }

    ActiveMQConnectionFactory factory() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + own.port);
    }

    /** A body that names its message: a lost or reordered message cannot pass for another. */
    static byte[] body(int i) {
        byte[] body = new byte[MESSAGE_BYTES];
        Arrays.fill(body, (byte) ('a' + i % 26));
        body[0] = (byte) (i >> 8);
        body[1] = (byte) i;
        return body;
    }
}
