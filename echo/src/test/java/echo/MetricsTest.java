package echo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest
class MetricsTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void reportsTheRequestJustMadeWithItsRouteAndStatus() {
        client.toBlocking().retrieve("/some/path");

        String metrics = client.toBlocking().retrieve("/prometheus");

        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                && line.contains("uri=\"/{+path}\"") && line.contains("status=\"200\"")), metrics);
        assertTrue(metrics.contains("http_server_requests_seconds_bucket{"), "latency histogram missing");
        assertTrue(metrics.contains("jvm_memory_used_bytes{"), "JVM metrics missing");
        assertTrue(metrics.contains("process_cpu_usage"), "process metrics missing");
    }
}
