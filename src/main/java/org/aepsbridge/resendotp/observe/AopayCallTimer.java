package org.aepsbridge.resendotp.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;

/**
 * Times AOPay calls ({@code aopay_call_seconds}, a histogram: see LatencyHistograms), from
 * the aopay-call route. Plain Micrometer rather than Camel's micrometer:timer endpoint: that
 * endpoint resolved its action through a failing type-converter lookup on every call, about a
 * tenth of the bundle's CPU under load (seen in a JFR profile of the REST benchmark).
 */
@ApplicationScoped
@Named("aopayCallTimer")
public class AopayCallTimer {

    static final String SAMPLE = "aopayCallTimer";

    private final MeterRegistry registry;
    private final Timer calls;

    AopayCallTimer(MeterRegistry registry) {
        this.registry = registry;
        this.calls = Timer.builder(LatencyHistograms.AOPAY_CALL)
                .description("AOPay ResendOTP calls that got an answer, retries and back-off included")
                .tag("camelContext", "aopay-resend-otp")
                .register(registry);
    }

    public void start(Exchange exchange) {
        exchange.setProperty(SAMPLE, Timer.start(registry));
    }

    public void stop(Exchange exchange) {
        Timer.Sample sample = exchange.getProperty(SAMPLE, Timer.Sample.class);
        if (sample != null) {
            sample.stop(calls);
            exchange.removeProperty(SAMPLE);
        }
    }
}
