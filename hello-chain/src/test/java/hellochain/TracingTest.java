package hellochain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingTest {

    @Test
    void tracesNothingWithoutCollector() {
        for (Map<String, String> env : new Map[] {Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " ")}) {
            try (ApplicationContext context = ApplicationContext.run(Application.traceExport(env), "test")) {
                assertFalse(context.containsBean(OpenTelemetry.class), "tracing is on without a collector");
            }
        }
    }

    @Test
    void exportsOverOtlpWhenCollectorIsNamed() {
        Map<String, Object> properties = Application.traceExport(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4317"));
        try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
            assertTrue(context.containsBean(OpenTelemetry.class), "tracing is off with a collector named");
            assertEquals("otlp", context.getRequiredProperty("otel.traces.exporter", String.class));
        }
    }
}
