package org.aepsbridge.resendotp.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * JMS messages put on the dead-letter queue by this replica ({@code aopay_jms_dead_letters_total}),
 * counted once the DLQ has taken the message (routes/errors.camel.yaml, route jms-dead-letter).
 * Registered at start-up, at 0: an alert on its increase sees the first dead letter too. No
 * label: the reason of each dead letter is in its message properties and the log, and a
 * label made of reasons would grow without bound.
 */
@Startup
@ApplicationScoped
public class DeadLetters {

    private final Counter arrivals;

    DeadLetters(MeterRegistry registry) {
        this.arrivals = Counter.builder("aopay.jms.dead.letters")
                .description("JMS messages this replica put on the dead-letter queue")
                .register(registry);
    }

    public void arrived() {
        arrivals.increment();
    }
}
