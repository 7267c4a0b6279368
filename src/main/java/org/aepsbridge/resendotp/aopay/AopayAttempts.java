package org.aepsbridge.resendotp.aopay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Counts the attempts at the AOPay call of one request. The counter lives in an
 * exchange property set before the circuit breaker, which runs the call on a copy of
 * the exchange; the copy shares the counter, so retries made inside are seen outside.
 * As a Processor it is the onRedelivery hook of the retry policy (routes/errors.camel.yaml),
 * where it also counts every retry: {@code aopay_call_retries_total} at /q/metrics.
 */
@ApplicationScoped
@Named("aopayAttempts")
public class AopayAttempts implements Processor {

    static final String PROPERTY = "aopayAttempts";

    private final Counter retries;

    AopayAttempts(MeterRegistry metrics) {
        this.retries = Counter.builder("aopay.call.retries")
                .description("AOPay calls sent again after a transient failure (connection, timeout, 502/503/504)")
                .register(metrics);
    }

    /** Before the first attempt. */
    public void begin(Exchange exchange) {
        exchange.setProperty(PROPERTY, new AtomicInteger(1));
    }

    /** Before each retry. */
    @Override
    public void process(Exchange exchange) {
        retries.increment();
        AtomicInteger attempts = exchange.getProperty(PROPERTY, AtomicInteger.class);
        if (attempts != null) {
            attempts.incrementAndGet();
        }
    }

    static int of(Exchange exchange) {
        AtomicInteger attempts = exchange.getProperty(PROPERTY, AtomicInteger.class);
        return attempts == null ? 1 : attempts.get();
    }
}
