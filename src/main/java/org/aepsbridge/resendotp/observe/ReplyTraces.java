package org.aepsbridge.resendotp.observe;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * A JMS result sent to the request's JMSReplyTo carries the request's trace context (W3C
 * {@code traceparent}) like a result sent to an outcome queue does: Camel's tracer writes it for
 * a {@code to} step, but the JMS consumer's own reply goes out with the result's headers only, and
 * the core has dropped the request's. Without tracing the current span is invalid and nothing is
 * written.
 */
@ApplicationScoped
@Named("replyTraces")
public class ReplyTraces {

    private final OpenTelemetry openTelemetry;

    ReplyTraces(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    public void carry(Exchange exchange) {
        if (!Span.current().getSpanContext().isValid()) {
            return;
        }
        openTelemetry
                .getPropagators()
                .getTextMapPropagator()
                .inject(Context.current(), exchange.getMessage(), Message::setHeader);
    }
}
