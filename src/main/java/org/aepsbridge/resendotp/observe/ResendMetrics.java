package org.aepsbridge.resendotp.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aepsbridge.resendotp.aopay.ResendExchange;
import org.aepsbridge.resendotp.model.ResendResult;
import org.apache.camel.Exchange;

/**
 * Counts results by channel, client and outcome: {@code aopay_resend_requests_total} at /q/metrics
 * (management port). Tags carry no identity data; clients are the configured names (and the
 * broker's users), so their number stays small. Each counter is registered once and kept: a
 * request only increments it (building and registering it on every request was ~1 % of a REST
 * request's CPU, JFR profile of the REST benchmark).
 */
@ApplicationScoped
@Named("resendMetrics")
public class ResendMetrics {

    private final MeterRegistry registry;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

    private record Key(String channel, String client, String outcome) {}

    ResendMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(ResendResult result, Exchange exchange) {
        String channel = exchange.getProperty(ResendExchange.CHANNEL, "unknown", String.class);
        String client = exchange.getProperty(ResendExchange.CLIENT, ResendExchange.UNKNOWN_CLIENT, String.class);
        String outcome = result.outcome().name();
        counters.computeIfAbsent(new Key(channel, client, outcome), this::register)
                .increment();
    }

    private Counter register(Key key) {
        return Counter.builder("aopay.resend.requests")
                .description("Resend requests by channel, client and outcome")
                .tag("channel", key.channel())
                .tag("client", key.client())
                .tag("outcome", key.outcome())
                .register(registry);
    }
}
