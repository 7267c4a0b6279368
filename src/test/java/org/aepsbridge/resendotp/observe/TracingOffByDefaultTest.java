package org.aepsbridge.resendotp.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.telemetry.Tracer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Without an OTLP endpoint (the test profile sets none, as a deployment that does not trace)
 * tracing is off (docs/tracing.md): the SDK is disabled, so no exporter tries localhost:4317, and
 * Camel's tracer is not installed, so a request pays nothing for tracing.
 */
@QuarkusTest
class TracingOffByDefaultTest {

    @Inject
    CamelContext camel;

    @Test
    void withoutAnEndpointTheSdkIsOffAndCamelHasNoTracer() {
        assertEquals(Boolean.TRUE, ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class));
        assertNull(camel.hasService(Tracer.class), "no Camel tracer");
    }
}
