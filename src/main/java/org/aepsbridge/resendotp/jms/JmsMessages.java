package org.aepsbridge.resendotp.jms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.aepsbridge.resendotp.aopay.ResendExchange;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.privacy.Masking;
import org.apache.activemq.artemis.core.client.impl.ClientSessionFactoryInternal;
import org.apache.activemq.artemis.core.config.WildcardConfiguration;
import org.apache.activemq.artemis.core.settings.impl.Match;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsMessage;
import org.messaginghub.pooled.jms.JmsPoolSession;

/**
 * The JMS channel's two ends: a message in (JSON text, or UTF-8 JSON bytes as STOMP
 * clients send), and the result out (JSON text with the outcome and the client also as
 * properties, on the reply-to queue or, by the route's choice on the outcome, on the queue for it).
 */
@ApplicationScoped
@Named("jmsMessages")
public class JmsMessages {

    static final String REPLY_EXPECTED = "jmsReplyExpected";
    static final String CORRELATION = "jmsCorrelation";
    static final String MESSAGE_ID = "jmsMessageId";
    /** The property of a result that names the request's client. */
    public static final String CLIENT_PROPERTY = "client";
    /** The JMS name of the user the broker authenticated for a message (Artemis: {@code _AMQ_VALIDATED_USER}). */
    static final String VALIDATED_USER = "JMSXUserID";
    /** What the claim of a message is keyed by (jmsClaims): see {@link #claimKey}. */
    static final String CLAIM_KEY = "jmsClaimKey";
    /** Where Artemis keeps an AMQP message's own message-id when a CORE client reads it. */
    static final String AMQP_MESSAGE_ID = "NATIVE_MESSAGE_ID";

    private final JmsSettings jms;
    private final ObjectMapper json;

    JmsMessages(JmsSettings jms, ObjectMapper json) {
        this.jms = jms;
        this.json = json;
    }

    /** Takes the request text out of the message; anything that is not a JSON object is unprocessable. */
    public String request(Exchange exchange) {
        Message message = exchange.getMessage();
        exchange.setProperty(REPLY_EXPECTED, message.getHeader("JMSReplyTo") != null);
        String messageId = message.getHeader("JMSMessageID", String.class);
        exchange.setProperty(MESSAGE_ID, messageId);
        String correlation = message.getHeader("JMSCorrelationID", String.class);
        if (correlation == null) {
            correlation = amqpMessageId(message);
        }
        exchange.setProperty(CORRELATION, correlation != null ? correlation : messageId);
        refuseReplyToWhereNoReplyMayGo(message.getHeader("JMSReplyTo"));
        exchange.setProperty(
                CLAIM_KEY,
                message instanceof JmsMessage camel
                        ? claimKey(camel.getJmsMessage(), camel.getJmsSession())
                        : messageId);
        refuseUnlessTextOrBytes(message);
        Object body = message.getBody();
        int limit = jms.maxMessageSize();
        String text;
        if (body instanceof String s) {
            refuseLarger(s.length(), limit, "characters");
            text = s;
        } else if (body instanceof byte[] bytes) {
            refuseLarger(bytes.length, limit, "bytes");
            text = utf8(bytes);
        } else {
            throw new UnprocessableMessageException("the message is not a text or bytes message with a JSON request"
                    + (body == null
                            ? " (it has no body)"
                            : " (it carries " + body.getClass().getSimpleName() + ")"));
        }
        try {
            // Trailing text after the object ("{...} x", two objects) is no request either, as on REST.
            JsonNode node = json.reader()
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(text);
            if (node == null || !node.isObject()) {
                throw new UnprocessableMessageException("the message is not a JSON object with a resend request");
            }
        } catch (JsonProcessingException e) {
            throw new UnprocessableMessageException(
                    "the message is not JSON: " + Masking.scrub(e.getOriginalMessage()));
        }
        return text;
    }

    /**
     * The result as a JSON text message, with its outcome and request id as properties for
     * selectors; routes/jms.camel.yaml routes it on the outcome.
     */
    public String result(ResendResult result, Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        // Routed results carry the request's correlation id (or message id) too, as replies do.
        message.setHeader("JMSCorrelationID", exchange.getProperty(CORRELATION, String.class));
        message.setHeader("outcome", result.outcome().name());
        message.setHeader("requestId", result.requestId());
        message.setHeader(CLIENT_PROPERTY, exchange.getProperty(ResendExchange.CLIENT, String.class));
        if (result.retryAfterSeconds() != null) {
            message.setHeader("retryAfterSeconds", result.retryAfterSeconds());
        }
        return json.writeValueAsString(result);
    }

    /**
     * Who sent the request: the user the broker authenticated and stamped on the message
     * (JMSXUserID), when the settings say the broker does so; else the configured default.
     */
    public String client(Message message) {
        if (jms.validatedUserIsClient() && message instanceof JmsMessage camel && camel.getJmsMessage() != null) {
            try {
                String user = camel.getJmsMessage().getStringProperty(VALIDATED_USER);
                if (user != null && !user.isBlank()) {
                    return user;
                }
            } catch (JMSException unreadable) {
                // no validated user to be had: the default below
            }
        }
        return jms.defaultClient();
    }

    /**
     * A reply goes only where the broker lets the bundle send (docs/jms.md, "Who may use
     * the broker"): a temporary queue, a queue matching {@code aopay.jms.reply-queues}, or a
     * result queue. A reply the broker refuses is dropped inside the transaction without
     * failing its commit, so a request that asks for one anywhere else is a dead letter at
     * once, before it can reach AOPay, rather than a result nobody gets.
     */
    void refuseReplyToWhereNoReplyMayGo(Object replyTo) {
        if (!(replyTo instanceof Queue queue) || replyTo instanceof TemporaryQueue) {
            return; // no reply-to (a topic is refused by the broker's rules too, but no request asks for one)
        }
        String name;
        try {
            name = queue.getQueueName();
        } catch (JMSException unreadable) {
            throw new UnprocessableMessageException(
                    "the message's JMSReplyTo cannot be read: " + unreadable.getMessage());
        }
        boolean temporary = isUuid(name);
        boolean resultQueue = List.of(jms.successQueue(), jms.failedQueue(), jms.rejectedQueue(), jms.errorQueue())
                .contains(name);
        boolean replyQueue = new Match<>(jms.replyQueues(), null, new WildcardConfiguration())
                .getPattern()
                .matcher(name)
                .matches();
        if (!temporary && !resultQueue && !replyQueue) {
            throw new UnprocessableMessageException("the message's JMSReplyTo " + name
                    + " is no queue the bundle may reply to:" + " a temporary queue, a result queue, or one matching "
                    + jms.replyQueues() + " (aopay.jms.reply-queues)");
        }
    }

    /** A temporary queue's name as JMS and AMQP clients of Artemis make it (the broker's uuid namespace). */
    private static boolean isUuid(String name) {
        try {
            return name.length() == 36 && UUID.fromString(name).toString().equalsIgnoreCase(name);
        } catch (IllegalArgumentException notOne) {
            return false;
        }
    }

    /**
     * The key a message is claimed by, one every message has and that stays the same when
     * the broker delivers it again, also after a broker restart: the {@code JMSMessageID} a
     * CORE (Artemis JMS) client set; for any other message (a STOMP client, an AMQP client
     * with or without a message-id) the broker's own id for it
     * ({@code artemis:<node id>:<server message id>}). Artemis numbers every message it
     * stores and keeps the number in its journal with the message; the node id (shared by
     * a primary and its backup, which share the journal) keeps two brokers' numbers apart.
     * An AMQP message's JMSMessageID, as a CORE consumer sees it, is made anew at each
     * delivery (its own message-id is only the property NATIVE_MESSAGE_ID, and is whatever
     * the client chose), so it is never the key. A copy of a message made by the broker
     * (moved to another queue or cluster node, retried from the DLQ by an operator) gets a
     * new number: without a CORE JMSMessageID it is a new request then.
     */
    static String claimKey(jakarta.jms.Message message, Session session) {
        try {
            String messageId = message == null ? null : message.getJMSMessageID();
            if (messageId != null && !message.propertyExists(AMQP_MESSAGE_ID)) {
                return messageId;
            }
        } catch (JMSException e) {
            throw new IllegalStateException("the message's JMSMessageID could not be read", e);
        }
        String node = brokerNodeId(session);
        if (message instanceof ActiveMQMessage artemis && node != null) {
            return "artemis:" + node + ":" + artemis.getCoreMessage().getMessageID();
        }
        // Not an Artemis delivery: no key that survives a redelivery, so no claim can be made safely.
        throw new IllegalStateException(
                "the message has no JMSMessageID and no Artemis message id: it cannot be claimed");
    }

    /**
     * An AMQP request's own message-id, as its sender knows it, for the result's correlation
     * id when it has no correlation-id (the JMSMessageID a CORE consumer sees for it is the
     * broker's, new at each delivery). Also set on the received message, where Camel's JMS
     * consumer takes a reply's correlation id from.
     */
    private static String amqpMessageId(Message message) {
        if (!(message instanceof JmsMessage camel) || camel.getJmsMessage() == null) {
            return null;
        }
        try {
            jakarta.jms.Message jms = camel.getJmsMessage();
            String amqpId = jms.getStringProperty(AMQP_MESSAGE_ID);
            if (amqpId != null) {
                jms.setJMSCorrelationID(amqpId);
            }
            return amqpId;
        } catch (JMSException e) {
            return null;
        }
    }

    /** The id of the Artemis node that delivered the message, through the (pooled) session it came on. */
    private static String brokerNodeId(Session session) {
        try {
            Session inner = session instanceof JmsPoolSession pooled ? pooled.getInternalSession() : session;
            return inner instanceof ActiveMQSession artemis
                            && artemis.getCoreSession().getSessionFactory()
                                    instanceof ClientSessionFactoryInternal factory
                    ? factory.getPrimaryNodeId()
                    : null;
        } catch (JMSException e) {
            return null;
        }
    }

    /**
     * Looks at the JMS message type before Camel reads its body: the body of an object
     * message is Java serialisation, and reading it would run whatever a stranger's bytes
     * say. Map, stream and empty messages carry no JSON either.
     */
    static void refuseUnlessTextOrBytes(Message message) {
        if (message instanceof JmsMessage camel
                && camel.getJmsMessage() != null
                && !(camel.getJmsMessage() instanceof TextMessage || camel.getJmsMessage() instanceof BytesMessage)) {
            throw new UnprocessableMessageException(
                    "the message is not a text or bytes message with a JSON request (it is "
                            + kindOf(camel.getJmsMessage()) + ")");
        }
    }

    /** What kind of JMS message it is, without reading its body. */
    static String kindOf(jakarta.jms.Message message) {
        return message instanceof ObjectMessage
                ? "an object message; it was not deserialised"
                : message instanceof MapMessage
                        ? "a map message"
                        : message instanceof StreamMessage ? "a stream message" : "a message without a body";
    }

    private static void refuseLarger(int size, int limit, String unit) {
        if (size > limit) {
            throw new UnprocessableMessageException("the message is larger than " + limit + " " + unit + " ("
                    + (size + 1023) / 1024 + " KiB): no resend request is that long (aopay.jms.max-message-size)");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UnprocessableMessageException("the message bytes are not UTF-8 text");
        }
    }
}
