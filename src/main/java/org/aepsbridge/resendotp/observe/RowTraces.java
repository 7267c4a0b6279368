package org.aepsbridge.resendotp.observe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;

/**
 * One trace per CSV row (docs/tracing.md): a row is a request of its own, and a file of a million
 * rows in one trace is more than any trace store shows. The splitter hands each row a copy of the
 * file's exchange, which carries the file's span twice: in Camel's tracer's exchange property and,
 * for the next hop, as W3C trace headers. Without both, the row's first span starts a trace of its
 * own. The row's trace names the file's trace ({@link #FILE_TRACE}), so the two can be found from
 * each other. (The property name is Camel telemetry's own; TracingTest fails if a Camel upgrade
 * renames it.)
 */
@ApplicationScoped
@Named("rowTraces")
public class RowTraces {

    /** Camel telemetry's exchange property holding the active span (SpanStorageManagerExchange). */
    static final String ACTIVE_SPAN = "tracing.activeSpan";
    /** Exchange property with the file's trace context, for the row's span attributes. */
    public static final String FILE_TRACE = "csvFileTraceparent";

    public void startOwnTrace(Exchange row) {
        Object fileTrace = row.getIn().removeHeader("traceparent");
        row.getIn().removeHeader("tracestate");
        row.getIn().removeHeader("baggage");
        row.removeProperty(ACTIVE_SPAN);
        if (fileTrace != null) {
            row.setProperty(FILE_TRACE, fileTrace);
        }
    }
}
