package org.aepsbridge.resendotp.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.apache.camel.CamelContext;

/**
 * The series the alerts (k8s/overlays/production/prometheus-rule.yaml) and the Grafana
 * dashboard watch that no other meter shows, read when /q/metrics is scraped:
 * <ul>
 * <li>{@code aopay_circuit_state{state}}: 1 for the state the AOPay circuit breaker is in
 * (CLOSED, OPEN, HALF_OPEN), 0 for the others; all 0 before its route has started;</li>
 * <li>{@code aopay_ready}: 1 while readiness (/q/health/ready) is UP, 0 while it is DOWN.
 * Prometheus scrapes a pod that is not ready too (its Service endpoint is only marked not
 * ready), so a pod taken out of its Service and put back shows here. Each scrape runs the
 * readiness checks once, as a probe does.</li>
 * </ul>
 * and, at 0 from the start, the counter of changed CSV files ({@code aopay_csv_files_changed_total{when}})
 * that csv/CsvChangeWatch counts into on first use (csv/CsvBatches registers its own at start), so
 * that an alert on their increase sees the first file in error after a restart (a series
 * that appears at 1 has no increase) and the dashboard finds them before that.
 */
@ApplicationScoped
public class OperationsGauges {

    static final List<String> CIRCUIT_STATES = List.of("CLOSED", "OPEN", "HALF_OPEN");

    void register(
            @Observes StartupEvent started, CamelContext camel, SmallRyeHealthReporter health, MeterRegistry registry) {
        for (String state : CIRCUIT_STATES) {
            Gauge.builder(
                            "aopay.circuit.state",
                            camel,
                            context -> state.equals(AopayCircuitHealth.state(context)) ? 1 : 0)
                    .description("1 for the state the AOPay circuit breaker is in, else 0")
                    .tag("state", state)
                    .register(registry);
        }
        Gauge.builder("aopay.ready", health, reporter -> reporter.getReadiness().isDown() ? 0 : 1)
                .description("1 while readiness (/q/health/ready) is UP, 0 while it is DOWN")
                .register(registry);
        // the same meter as csv/CsvChangeWatch counts into (same name, tags and description)
        for (String when : List.of("while-read", "after-read")) {
            Counter.builder("aopay.csv.files.changed")
                    .description("CSV files that changed after they were read (rows never read)")
                    .tag("when", when)
                    .register(registry);
        }
    }
}
