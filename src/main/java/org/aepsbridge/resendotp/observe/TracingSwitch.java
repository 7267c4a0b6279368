package org.aepsbridge.resendotp.observe;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.List;

/**
 * Tracing is off unless an OTLP endpoint is set (docs/tracing.md). Quarkus' OpenTelemetry SDK is
 * on by default, and its OTLP exporter then sends to localhost:4317, where nothing listens in most
 * deployments; so while neither {@code quarkus.otel.exporter.otlp.traces.endpoint} nor
 * {@code quarkus.otel.exporter.otlp.endpoint} is set by any configuration source, this answers
 * {@code quarkus.otel.sdk.disabled} with {@code true}: no exporter, and Camel's tracer is not
 * installed at all, so an untraced request pays nothing. A {@code quarkus.otel.sdk.disabled} set
 * explicitly anywhere wins. (A config interceptor, not a source: it sees every source, the
 * environment's and a test resource's too.)
 */
@Priority(Priorities.APPLICATION)
public class TracingSwitch implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final List<String> ENDPOINTS =
            List.of("quarkus.otel.exporter.otlp.traces.endpoint", "quarkus.otel.exporter.otlp.endpoint");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name)
                || configured(value)
                || ENDPOINTS.stream().map(context::proceed).anyMatch(TracingSwitch::configured)) {
            return value;
        }
        return ConfigValue.builder()
                .withName(name)
                .withValue("true")
                .withConfigSourceName("aopay: no OTLP endpoint set")
                .build();
    }

    /** Set by someone: a value from a real source, not an extension's default (those sources have negative ordinals). */
    static boolean configured(ConfigValue value) {
        return value != null
                && value.getValue() != null
                && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > 0;
    }
}
