package org.aepsbridge.resendotp.observe;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.aepsbridge.resendotp.aopay.ResendExchange;
import org.aepsbridge.resendotp.model.ResendResult;
import org.apache.camel.Exchange;

/**
 * Names the request on the core's span (docs/tracing.md): request id, channel, outcome and client,
 * the same four a result, its log line and its metric carry. Never a number of the request: the
 * masked ones neither, a trace is no place to look a person up. Without tracing (no exporter
 * configured) the current span is not recording and this costs one check.
 */
@ApplicationScoped
@Named("traceAttributes")
public class TraceAttributes {

    public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("aopay.request_id");
    public static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("aopay.channel");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("aopay.outcome");
    public static final AttributeKey<String> CLIENT = AttributeKey.stringKey("aopay.client");
    /** On a CSV row's trace: the W3C trace context of its file's trace (see {@link RowTraces}). */
    public static final AttributeKey<String> FILE_TRACE = AttributeKey.stringKey("aopay.csv.file_trace");

    public void record(ResendResult result, Exchange exchange) {
        Span span = Span.current();
        if (!span.isRecording()) {
            return;
        }
        span.setAttribute(REQUEST_ID, result.requestId());
        span.setAttribute(CHANNEL, exchange.getProperty(ResendExchange.CHANNEL, "unknown", String.class));
        span.setAttribute(OUTCOME, result.outcome().name());
        span.setAttribute(CLIENT, result.client());
        String fileTrace = exchange.getProperty(RowTraces.FILE_TRACE, String.class);
        if (fileTrace != null) {
            span.setAttribute(FILE_TRACE, fileTrace);
        }
    }
}
