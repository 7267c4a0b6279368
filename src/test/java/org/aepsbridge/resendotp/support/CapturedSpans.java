package org.aepsbridge.resendotp.support;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Collection;
import java.util.List;

/**
 * The exporter of the tests that trace (Quarkus' OpenTelemetry picks up a {@link SpanExporter}
 * bean): every exported span is kept in the SDK's {@link InMemorySpanExporter} for assertions and
 * written down, name, ids, every attribute and every event with its attributes, under
 * target/test-outputs/spans, where the output hygiene check reads it like a log. An alternative,
 * enabled by the profile of the tests that use it: as a bean it replaces Quarkus' OTLP exporter,
 * which TracingExportTest needs.
 */
@Alternative
@ApplicationScoped
public class CapturedSpans implements SpanExporter {

    private final InMemorySpanExporter memory = InMemorySpanExporter.create();

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        StringBuilder text = new StringBuilder();
        for (SpanData span : spans) {
            text.append(describe(span)).append('\n');
        }
        OutputHygiene.capture("spans", "exported", text.toString());
        return memory.export(spans);
    }

    /** One line per span, everything an exporter would send that can hold text. */
    public static String describe(SpanData span) {
        StringBuilder line = new StringBuilder()
                .append(span.getName())
                .append(" trace=")
                .append(span.getTraceId())
                .append(" span=")
                .append(span.getSpanId())
                .append(" parent=")
                .append(span.getParentSpanId())
                .append(" status=")
                .append(span.getStatus())
                .append(" attributes=")
                .append(span.getAttributes());
        for (EventData event : span.getEvents()) {
            line.append(" event:").append(event.getName()).append('=').append(event.getAttributes());
        }
        return line.toString();
    }

    public List<SpanData> finished() {
        return memory.getFinishedSpanItems();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return memory.shutdown();
    }
}
