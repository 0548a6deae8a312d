package hellochain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The compose Grafana dashboard queries only metrics a running service really exposes at /prometheus. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardMetricsTest extends ChainControllerTest.WithStub {

    // Maven runs the tests in the module's folder.
    static final Path DASHBOARD = Path.of("../compose/observability/grafana/dashboards/java-cluster.json");

    // users-api's connection pool and cache, and a pool hello-chain does not have yet: users-api's own tests verify these.
    static final Set<String> NOT_FROM_HELLO_CHAIN = Set.of(
            "hikaricp_connections_active", "hikaricp_connections_idle", "hikaricp_connections_pending",
            "hikaricp_connections_max", "cache_gets_total");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern LABEL_LIST = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    // An identifier that is not part of a number or variable and not followed by "(" (a function call).
    private static final Pattern NAME = Pattern.compile("(?<![\\w$.:])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Override
    StubUpstream.Behaviour behaviour() {
        return StubUpstream.Behaviour.OK;
    }

    @Test
    void queriesOnlyMetricsTheServiceExposes() throws IOException {
        client.toBlocking().retrieve("/");
        Set<String> exposed = exposedNames(client.toBlocking().retrieve("/prometheus"));

        Set<String> queried = dashboardMetrics(Files.readString(DASHBOARD));
        queried.removeAll(NOT_FROM_HELLO_CHAIN);

        assertTrue(queried.contains("http_client_requests_seconds_bucket"), "the upstream panel is missing: " + queried);
        assertEquals(Set.of(), missing(queried, exposed), "queried by " + DASHBOARD + " but not exposed");
    }

    @Test
    void exemptsOnlyNamesTheDashboardUsesAndTheServiceLacks() throws IOException {
        client.toBlocking().retrieve("/");
        Set<String> exposed = exposedNames(client.toBlocking().retrieve("/prometheus"));

        // A stale exemption hides a broken panel: each one must still be queried and still be absent here.
        assertEquals(Set.of(), missing(NOT_FROM_HELLO_CHAIN, dashboardMetrics(Files.readString(DASHBOARD))), "exempt but not queried");
        assertEquals(Set.of(), intersection(NOT_FROM_HELLO_CHAIN, exposed), "exempt but exposed: verify them here instead");
    }

    @Test
    void reportsAMisspelledMetric() {
        Set<String> exposed = exposedNames("""
                # HELP http_server_requests_seconds
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{le="0.1",uri="root"} 1
                http_server_requests_seconds_count{uri="root"} 1
                process_cpu_usage 0.5
                """);

        assertEquals(Set.of("http_server_requests_seconds_count", "http_server_requests_seconds_bucket", "process_cpu_usage"), exposed);
        assertEquals(Set.of("http_server_request_seconds_count"),
                missing(Set.of("http_server_request_seconds_count", "process_cpu_usage"), exposed));
    }

    @Test
    void findsTheMetricNamesOfAQuery() {
        assertEquals(Set.of("http_server_requests_seconds_bucket"), metricNames(
                "histogram_quantile(0.99, sum by (job, le) (rate(http_server_requests_seconds_bucket{uri!~\"/health.*\"}[$__rate_interval])))"));
        assertEquals(Set.of("a_total", "b_total", "c_total"), metricNames(
                "(sum without (x) (rate(a_total{y=\"by (z)\"}[5m])) or b_total * 0) > bool 0 unless on (job) c_total offset 1m"));
        assertEquals(Set.of("jvm_memory_used_bytes"), metricNames("sum by (job) (jvm_memory_used_bytes{area=\"heap\"}) > 1e6"));
    }

    @Test
    void readsEveryQueryOfEveryPanel() throws IOException {
        String dashboard = """
                {"panels": [
                  {"targets": [{"expr": "rate(a_total[1m])"}, {"expr": "b_bytes"}]},
                  {"type": "row", "panels": [{"targets": [{"expr": "c_seconds_count"}]}]}
                ]}""";

        assertEquals(Set.of("a_total", "b_bytes", "c_seconds_count"), dashboardMetrics(dashboard));
    }

    /** Every metric name of every query, including panels nested in collapsed rows. */
    Set<String> dashboardMetrics(String dashboard) throws IOException {
        Set<String> names = new TreeSet<>();
        collect(json.readValue(dashboard, JsonNode.class), names);
        return names;
    }

    private static void collect(JsonNode panels, Set<String> names) {
        for (JsonNode panel : children(panels, "panels")) {
            children(panel, "targets").forEach(t -> names.addAll(metricNames(t.get("expr").getStringValue())));
            collect(panel, names);
        }
    }

    private static Iterable<JsonNode> children(JsonNode node, String key) {
        JsonNode array = node.get(key);
        return array == null ? List.of() : array.values();
    }

    static Set<String> metricNames(String promql) {
        String bare = STRING.matcher(promql).replaceAll("\"\"").replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        bare = LABEL_LIST.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Sample names of the Prometheus text format: the token before the labels or the value. */
    static Set<String> exposedNames(String metrics) {
        Set<String> names = new TreeSet<>();
        metrics.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }

    static Set<String> missing(Set<String> wanted, Set<String> present) {
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(present);
        return missing;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }
}
