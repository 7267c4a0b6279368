package org.aepsbridge.resendotp.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.aepsbridge.resendotp.aopay.ResendExchange;
import org.aepsbridge.resendotp.model.ResendResult;
import org.apache.camel.Exchange;

/**
 * Counts results by channel, client and outcome: {@code aopay_resend_requests_total} at /q/metrics
 * (management port). Tags carry no identity data; clients are the configured names (and the
 * broker's users), so their number stays small.
 */
@ApplicationScoped
@Named("resendMetrics")
public class ResendMetrics {

    private final MeterRegistry registry;

    ResendMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(ResendResult result, Exchange exchange) {
        String channel = exchange.getProperty(ResendExchange.CHANNEL, "unknown", String.class);
        Counter.builder("aopay.resend.requests")
                .description("Resend requests by channel, client and outcome")
                .tag("channel", channel)
                .tag("client", exchange.getProperty(ResendExchange.CLIENT, ResendExchange.UNKNOWN_CLIENT, String.class))
                .tag("outcome", result.outcome().name())
                .register(registry)
                .increment();
    }
}
