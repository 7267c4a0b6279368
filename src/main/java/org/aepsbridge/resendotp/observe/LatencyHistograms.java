package org.aepsbridge.resendotp.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * AOPay's call time ({@code aopay.call}, timed by the aopay-call route) is published as a
 * Prometheus histogram ({@code aopay_call_seconds_bucket{le=...}}), so p50/p95/p99 can be
 * computed across replicas with {@code histogram_quantile}; buckets from 5 ms to 60 s
 * (a call with its retries and back-off may take that long).
 */
public class LatencyHistograms {

    static final String AOPAY_CALL = "aopay.call";

    @Produces
    @Singleton
    MeterFilter aopayCallHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!AOPAY_CALL.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(5).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(60).toNanos())
                        .build()
                        .merge(config);
            }
        };
    }
}
