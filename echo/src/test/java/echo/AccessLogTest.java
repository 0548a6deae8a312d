package echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service as main() starts it without a collector, with ACCESS_LOG=true or unset. */
class AccessLogTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static EmbeddedServer start(Map<String, String> properties) {
        Map<String, Object> all = new HashMap<>(Application.traceExport(Map.of()));
        all.putAll(properties);
        return ApplicationContext.run(EmbeddedServer.class, all, "test");
    }

    private static AccessLines linesOf(EmbeddedServer server) {
        return new AccessLines(server.getApplicationContext().getBean(JsonMapper.class));
    }

    @Test
    void logsOneJsonLinePerRequestWithTheCallersTraceIdButNotTheProbes() {
        try (EmbeddedServer server = start(Map.of("access-log.enabled", "true")); AccessLines log = linesOf(server);
             HttpClient client = HttpClient.create(server.getURL())) {
            client.toBlocking().retrieve(HttpRequest.POST("/some/path", "x").contentType(MediaType.TEXT_PLAIN)
                    .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
            client.toBlocking().retrieve("/health");
            client.toBlocking().retrieve("/prometheus");

            Map<String, Object> line = log.single();
            assertEquals("access", line.get("logger_name"));
            assertEquals("POST", line.get("method"));
            assertEquals("/some/path", line.get("path"));
            assertEquals(200, line.get("status"));
            assertInstanceOf(Number.class, line.get("duration_ms"));
            assertEquals(TRACE_ID, line.get("trace_id"));
        }
    }

    @Test
    void logsNoRequestByDefault() {
        try (EmbeddedServer server = start(Map.of()); AccessLines log = linesOf(server);
             HttpClient client = HttpClient.create(server.getURL())) {
            client.toBlocking().retrieve("/");

            assertEquals(List.of(), log.lines());
        }
    }
}
