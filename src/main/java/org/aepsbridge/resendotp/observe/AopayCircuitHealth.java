package org.aepsbridge.resendotp.observe;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.CamelContext;
import org.apache.camel.component.microprofile.faulttolerance.FaultToleranceProcessor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness reports the state of the circuit breaker around the AOPay call
 * (CLOSED, OPEN, HALF_OPEN). It stays UP while the circuit is open: the bundle still
 * answers every channel (REST 503 at once, CSV and JMS results with ERROR/UPSTREAM_DOWN),
 * and taking the pod out of its Service would only turn those answers into connection
 * errors.
 */
@Readiness
@ApplicationScoped
public class AopayCircuitHealth implements HealthCheck {

    private final CamelContext camel;

    AopayCircuitHealth(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("aopay-circuit")
                .up()
                .withData("state", state(camel))
                .build();
    }

    /** The circuit's state now: CLOSED, OPEN, HALF_OPEN, or UNKNOWN before its route has started. */
    static String state(CamelContext camel) {
        FaultToleranceProcessor circuit = camel.getProcessor("aopay-circuit", FaultToleranceProcessor.class);
        return circuit == null ? "UNKNOWN" : circuit.getCircuitBreakerState();
    }
}
