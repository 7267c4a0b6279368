package org.aepsbridge.resendotp.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.aepsbridge.resendotp.privacy.Masking;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs just before a message goes to the DLQ (routes/errors.camel.yaml): the reason,
 * masked, and the number of attempts, as message properties an operator can read.
 */
@ApplicationScoped
@Named("deadLetterReason")
public class DeadLetterReason implements Processor {

    public static final String REASON = "aopayFailureReason";
    public static final String TYPE = "aopayFailureType";
    public static final String ATTEMPTS = "aopayDeliveryAttempts";

    @Override
    public void process(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown" : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        exchange.getMessage().setHeader(REASON, Masking.scrub(reason));
        exchange.getMessage().setHeader(TYPE, cause == null ? "unknown" : cause.getClass().getSimpleName());
        exchange.getMessage().setHeader(ATTEMPTS, 1 + exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class));
    }
}
