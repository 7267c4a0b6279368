package org.aepsbridge.resendotp.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.jms.BytesMessage;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import org.aepsbridge.resendotp.aopay.ResendExchange;
import org.aepsbridge.resendotp.model.AcceptedRequest;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.model.TechnicalCause;
import org.aepsbridge.resendotp.observe.DeadLetters;
import org.aepsbridge.resendotp.privacy.Masking;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;

/**
 * Runs just before a message goes to the DLQ (routes/errors.camel.yaml): the reason,
 * masked, and the number of attempts, as message properties an operator can read. The
 * body is the original message's text with every run of six or more digits masked: a
 * message the bundle writes carries no full Aadhaar or mobile number, even a dead one.
 */
@ApplicationScoped
@Named("deadLetterReason")
public class DeadLetterReason implements Processor {

    public static final String REASON = "aopayFailureReason";
    public static final String TYPE = "aopayFailureType";
    public static final String ATTEMPTS = "aopayDeliveryAttempts";
    /** Exchange property: failed attempts so far, counted by {@link FailedAttempts}. */
    static final String FAILED_ATTEMPTS = "aopayFailedAttempts";

    private final String deadLetterQueue;
    private final DeadLetters deadLetters;

    DeadLetterReason(JmsSettings settings, DeadLetters deadLetters) {
        this.deadLetterQueue = settings.dlq();
        this.deadLetters = deadLetters;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setHeader(REASON, reason(exchange));
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.getMessage()
                .setHeader(TYPE, cause == null ? "unknown" : cause.getClass().getSimpleName());
        exchange.getMessage().setHeader(ATTEMPTS, Math.max(1, exchange.getProperty(FAILED_ATTEMPTS, 0, Integer.class)));
        if (exchange.getMessage() instanceof JmsMessage camel
                && camel.getJmsMessage() != null
                && !(camel.getJmsMessage() instanceof TextMessage || camel.getJmsMessage() instanceof BytesMessage)) {
            // never read: an object message's body is Java serialisation
            exchange.getMessage()
                    .setBody("(" + JmsMessages.kindOf(camel.getJmsMessage()) + ": its content is not kept)");
            return;
        }
        Object body = exchange.getMessage().getBody();
        String text = body instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8)
                : exchange.getMessage().getBody(String.class);
        exchange.getMessage().setBody(Masking.scrub(text));
    }

    /**
     * The requester's result for a dead letter (sent to its JMSReplyTo): ERROR, naming the
     * reason and the DLQ, with the request's correlation and masked numbers when it got as
     * far as passing the rules. Runs once the DLQ has taken the message, so the dead letter
     * is counted here ({@code aopay_jms_dead_letters_total}).
     */
    public ResendResult result(Exchange exchange) {
        deadLetters.arrived();
        return ResendResult.of(
                        Outcome.ERROR,
                        "The message could not be processed: " + reason(exchange)
                                + ". It was put on the dead-letter queue " + deadLetterQueue
                                + (exchange.getProperty(ResendExchange.ACCEPTED_REQUEST) == null
                                        ? "; it was not sent to AOPay"
                                        : "; it may have reached AOPay before the failure: check with AOPay before resending it"))
                .requestId(exchange.getProperty(ResendExchange.REQUEST_ID, exchange.getExchangeId(), String.class))
                .about(exchange.getProperty(ResendExchange.ACCEPTED_REQUEST, AcceptedRequest.class))
                .cause(TechnicalCause.DEAD_LETTER)
                .build()
                .withClient(exchange.getProperty(ResendExchange.CLIENT, ResendExchange.UNKNOWN_CLIENT, String.class));
    }

    /** The cause's message, masked. */
    private static String reason(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null
                ? "unknown"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return Masking.scrub(reason);
    }

    /**
     * Counts each failed attempt (the dead-letter channel's onExceptionOccurred). The redelivery
     * counter header cannot serve: with useOriginalMessage the original message, without it,
     * is back in place by the time the dead letter is prepared, so every retried failure read 1.
     */
    @ApplicationScoped
    @Named("failedAttempts")
    public static class FailedAttempts implements Processor {
        @Override
        public void process(Exchange exchange) {
            exchange.setProperty(FAILED_ATTEMPTS, exchange.getProperty(FAILED_ATTEMPTS, 0, Integer.class) + 1);
        }
    }
}
