package deploytests.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricNamesTest {

    @Test
    void findsTheMetricNamesOfAQuery() {
        assertEquals(Set.of("http_server_requests_seconds_bucket"), MetricNames.inQuery(
                "histogram_quantile(0.99, sum by (job, le) (rate(http_server_requests_seconds_bucket{uri!~\"/health.*\"}[$__rate_interval])))"));
        assertEquals(Set.of("a_total", "b_total", "c_total"), MetricNames.inQuery(
                "(sum without (x) (rate(a_total{y=\"by (z)\"}[5m])) or b_total * 0) > bool 0 unless on (job) c_total offset 1m"));
        assertEquals(Set.of("jvm_memory_used_bytes"), MetricNames.inQuery("sum by (job) (jvm_memory_used_bytes{area=\"heap\"}) > 1e6"));
    }

    @Test
    void readsEveryQueryOfEveryPanel() {
        String dashboard = """
                {"panels": [
                  {"targets": [{"expr": "rate(a_total[1m])"}, {"expr": "b_bytes"}]},
                  {"type": "row", "panels": [{"targets": [{"expr": "c_seconds_count"}]}]}
                ]}""";

        assertEquals(Set.of("a_total", "b_bytes", "c_seconds_count"), MetricNames.inDashboard(Suite.json(dashboard)));
    }

    @Test
    void readsTheSampleNamesOfAScrape() {
        assertEquals(Set.of("http_server_requests_seconds_count", "http_server_requests_seconds_bucket", "process_cpu_usage"),
                MetricNames.exposed("""
                        # HELP http_server_requests_seconds
                        # TYPE http_server_requests_seconds histogram
                        http_server_requests_seconds_bucket{le="0.1",uri="root"} 1
                        http_server_requests_seconds_count{uri="root"} 1
                        process_cpu_usage 0.5
                        """));
    }
}
