package org.aepsbridge.resendotp.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.InflightRepository;

/**
 * Requests in flight per channel ({@code aopay_requests_inflight{routeId}}), read from
 * Camel's own inflight repository when /q/metrics is scraped: nothing is counted per
 * request. (Camel's micrometer exchange event notifier offers the same gauge but searched
 * the meter registry on every exchange; it is off.)
 */
@ApplicationScoped
public class InFlightRequests {

    /** REST, JMS, CSV rows, CSV files being read, and the core (all channels together). */
    static final List<String> ROUTES =
            List.of("rest-resend-otp", "jms-requests", "csv-row", "csv-intake", "resend-core");

    void register(@Observes StartupEvent started, CamelContext camel, MeterRegistry registry) {
        InflightRepository inflight = camel.getInflightRepository();
        for (String route : ROUTES) {
            Gauge.builder("aopay.requests.inflight", inflight, repository -> repository.size(route))
                    .description("Requests (CSV: rows, or files for csv-intake) in flight in this route")
                    .tag("routeId", route)
                    .register(registry);
        }
    }
}
