package usersapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingTest {

    private static Span startSpan(ApplicationContext context) {
        return context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("request").startSpan();
    }

    @Test
    void keepsTraceIdsButRecordsNothingWithoutCollector() {
        for (Map<String, String> env : new Map[] {Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " ")}) {
            try (ApplicationContext context = ApplicationContext.run(Application.traceExport(env), "test")) {
                Span span = startSpan(context);
                assertTrue(span.getSpanContext().isValid(), "no trace id for the logs and traceparent");
                assertFalse(span.isRecording(), "spans are recorded with nowhere to send them");
                assertEquals("none", context.getRequiredProperty("otel.traces.exporter", String.class));
            }
        }
    }

    @Test
    void recordsAndExportsOverOtlpWhenCollectorIsNamed() {
        Map<String, Object> properties = Application.traceExport(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4317"));
        try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
            assertTrue(startSpan(context).isRecording(), "spans are not recorded with a collector named");
            assertEquals("otlp", context.getRequiredProperty("otel.traces.exporter", String.class));
        }
    }
}
