package deploytests.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import deploytests.k8s.Modules;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real observability files pass every check; each check fed a broken snippet reports it. */
class ObservabilityChecksTest {

    private static final Suite REAL = Suite.load();
    private static final String ENDPOINT = "http://jaeger:4317";

    private static final String COMPOSE = """
            services:
              hello1401:
                image: java-cluster/hello1401:1.0.0
                environment: {OTEL_EXPORTER_OTLP_ENDPOINT: "${OTEL_EXPORTER_OTLP_ENDPOINT:-}"}
              echo:
                image: java-cluster/echo:1.0.0
                environment: {OTEL_EXPORTER_OTLP_ENDPOINT: "${OTEL_EXPORTER_OTLP_ENDPOINT:-}"}
              prometheus:
                image: prom/prometheus:v3.5.0
                profiles: ["observability"]
                ports: ["127.0.0.1:9090:9090"]
              jaeger:
                image: jaegertracing/jaeger:2.10.0
                profiles: ["observability"]
              grafana:
                image: grafana/grafana:12.1.1
                profiles: ["observability"]
                environment: {GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH: /etc/grafana/dashboards/java-cluster.json}
                volumes: ["./observability/grafana/dashboards:/etc/grafana/dashboards:ro"]
            """;
    private static final String PROMETHEUS = """
            scrape_configs:
              - job_name: hello1401
                metrics_path: /prometheus
                static_configs: [{targets: ["hello1401:1401"]}]
              - job_name: echo
                metrics_path: /prometheus
                dns_sd_configs: [{names: [echo], type: A, port: 1404}]
            """;
    private static final String DATASOURCES = "datasources: [{name: Prometheus, uid: prometheus, url: \"http://prometheus:9090\"}]";
    private static final String PROVIDERS = "providers: [{name: p, options: {path: /etc/grafana/dashboards}}]";
    private static final String DASHBOARD = """
            {"uid": "d", "title": "d", "panels": [
              {"id": 1, "title": "rate", "gridPos": {}, "datasource": {"uid": "prometheus"},
               "targets": [{"refId": "A", "expr": "sum by (job) (rate(x_total{job=~\\"hello1401|echo\\"}[1m]))"}]}
            ]}""";

    private static Suite suite(String compose, String prometheus, String datasources, String providers, String dashboard) {
        return new Suite(Modules.repositoryRoot(), Suite.yaml(compose), Suite.yaml(prometheus), Suite.yaml(datasources),
                Suite.yaml(providers), Map.of("java-cluster.json", Suite.json(dashboard)));
    }

    private static Suite good() {
        return suite(COMPOSE, PROMETHEUS, DATASOURCES, PROVIDERS, DASHBOARD);
    }

    private static void assertReports(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), () -> "expected '" + expected + "' in " + problems);
    }

    @Test
    void theRepositorysFilesPassEveryCheck() {
        assertEquals(List.of(), ObservabilityChecks.scrapeTargets(REAL));
        assertEquals(List.of(), ObservabilityChecks.everyServiceScraped(REAL));
        assertEquals(List.of(), ObservabilityChecks.datasources(REAL));
        assertEquals(List.of(), ObservabilityChecks.dashboardMounts(REAL));
        assertEquals(List.of(), ObservabilityChecks.dashboards(REAL));
        assertEquals(List.of(), ObservabilityChecks.traceExport(REAL, Suite.read(REAL.root().resolve("compose/.env.example")), ENDPOINT));
        assertTrue(Suite.read(REAL.root().resolve(Suite.DIR + "/README.md")).contains(ObservabilityChecks.OTLP_VARIABLE + "=" + ENDPOINT),
                "the README shows how to turn traces on");
    }

    @Test
    void scrapesEveryMicronautServiceOfTheSuite() {
        assertEquals(List.of("hello1401", "hello1402", "hello1403", "echo", "users-api", "auth"),
                REAL.prometheus().path("scrape_configs").findValuesAsText("job_name"));
    }

    @Test
    void goodSnippetPassesEveryCheck() {
        Suite good = good();
        assertEquals(List.of(), ObservabilityChecks.scrapeTargets(good));
        assertEquals(List.of(), ObservabilityChecks.everyServiceScraped(good));
        assertEquals(List.of(), ObservabilityChecks.datasources(good));
        assertEquals(List.of(), ObservabilityChecks.dashboardMounts(good));
        assertEquals(List.of(), ObservabilityChecks.dashboards(good));
        assertEquals(List.of(), ObservabilityChecks.traceExport(good, "OTEL_EXPORTER_OTLP_ENDPOINT=\n# " + ENDPOINT, ENDPOINT));
    }

    @Test
    void rejectsDuplicateKeysAndBrokenJson() {
        assertThrows(RuntimeException.class, () -> Suite.yaml("scrape_configs: []\nscrape_configs: []\n"));
        assertThrows(UncheckedIOException.class, () -> Suite.json("{\"panels\": [}"));
    }

    @Test
    void rejectsTargetsThatAreNotTheServiceOnItsPortAndPath() {
        assertReports(ObservabilityChecks.scrapeTargets(suite(COMPOSE, PROMETHEUS.replace("job_name: echo", "job_name: ech0"),
                DATASOURCES, PROVIDERS, DASHBOARD)), "no compose service is named ech0");
        assertReports(ObservabilityChecks.scrapeTargets(suite(COMPOSE, PROMETHEUS.replace("hello1401:1401", "hello1401:1400"),
                DATASOURCES, PROVIDERS, DASHBOARD)), "port 1400, but the service listens on 1401");
        assertReports(ObservabilityChecks.scrapeTargets(suite(COMPOSE, PROMETHEUS.replace("hello1401:1401", "echo:1404"),
                DATASOURCES, PROVIDERS, DASHBOARD)), "target echo:1404 is not hello1401:<port>");
        assertReports(ObservabilityChecks.scrapeTargets(suite(COMPOSE, PROMETHEUS.replace("port: 1404", "port: 1401"),
                DATASOURCES, PROVIDERS, DASHBOARD)), "job echo: port 1401, but the service listens on 1404");
        assertReports(ObservabilityChecks.scrapeTargets(suite(COMPOSE, PROMETHEUS.replace("names: [echo]", "names: [echo, hello1401]"),
                DATASOURCES, PROVIDERS, DASHBOARD)), "must look up the A records of echo only");
        assertReports(ObservabilityChecks.scrapeTargets(suite(COMPOSE, PROMETHEUS.replaceFirst("/prometheus", "/metrics"),
                DATASOURCES, PROVIDERS, DASHBOARD)), "metrics_path /metrics, but hello1401 serves them at /prometheus");
        String hello1400 = COMPOSE + "  hello1400:\n    image: java-cluster/hello1400:1.0.0\n";
        assertReports(ObservabilityChecks.scrapeTargets(suite(hello1400, PROMETHEUS.replace("hello1401", "hello1400"),
                DATASOURCES, PROVIDERS, DASHBOARD)), "hello1400 serves no Prometheus metrics");
    }

    @Test
    void rejectsAServiceNobodyScrapes() {
        String withChain = COMPOSE + "  hello1402:\n    image: java-cluster/hello-chain:1.0.0\n    environment: {PORT: \"1402\"}\n";
        assertEquals(List.of("prometheus.yml: no job scrapes hello1402"),
                ObservabilityChecks.everyServiceScraped(suite(withChain, PROMETHEUS, DATASOURCES, PROVIDERS, DASHBOARD)));
    }

    @Test
    void rejectsDatasourcesOutsideTheProfile() {
        assertReports(ObservabilityChecks.datasources(suite(COMPOSE, PROMETHEUS, DATASOURCES.replace("prometheus:9090", "prom:9090"),
                PROVIDERS, DASHBOARD)), "is not a service of the observability profile");
        assertReports(ObservabilityChecks.datasources(suite(COMPOSE, PROMETHEUS, DATASOURCES.replace(":9090", ":9091"),
                PROVIDERS, DASHBOARD)), "prometheus does not publish container port 9091");
        assertReports(ObservabilityChecks.datasources(suite(COMPOSE, PROMETHEUS, DATASOURCES.replace("uid: prometheus, ", ""),
                PROVIDERS, DASHBOARD)), "no uid");
    }

    @Test
    void rejectsAProviderOrHomeDashboardOutsideTheMount() {
        assertReports(ObservabilityChecks.dashboardMounts(suite(COMPOSE, PROMETHEUS, DATASOURCES,
                PROVIDERS.replace("/etc/grafana/dashboards", "/var/lib/grafana/dashboards"), DASHBOARD)), "reads /var/lib/grafana/dashboards");
        assertReports(ObservabilityChecks.dashboardMounts(suite(COMPOSE.replace("java-cluster.json", "other.json"), PROMETHEUS,
                DATASOURCES, PROVIDERS, DASHBOARD)), "the home dashboard /etc/grafana/dashboards/other.json");
        assertReports(ObservabilityChecks.dashboardMounts(suite(COMPOSE.replace("grafana/dashboards:", "grafana/dashbords:"), PROMETHEUS,
                DATASOURCES, PROVIDERS, DASHBOARD)), "grafana mounts ./observability/grafana/dashbords, which does not exist");
    }

    @Test
    void rejectsDashboardsWithUnknownDatasourcesJobsOrDuplicateIds() {
        assertReports(ObservabilityChecks.dashboards(suite(COMPOSE, PROMETHEUS, DATASOURCES, PROVIDERS,
                DASHBOARD.replace("\"uid\": \"prometheus\"", "\"uid\": \"prom\""))), "is not provisioned");
        assertReports(ObservabilityChecks.dashboards(suite(COMPOSE, PROMETHEUS, DATASOURCES, PROVIDERS,
                DASHBOARD.replace("hello1401|echo", "hello1401|users"))), "job \"users\" is not a scrape job");
        String twice = DASHBOARD.replace("}]}\n]}", "}]},\n  {\"id\": 1, \"title\": \"again\", \"gridPos\": {}}\n]}");
        assertReports(ObservabilityChecks.dashboards(suite(COMPOSE, PROMETHEUS, DATASOURCES, PROVIDERS, twice)), "id 1 is missing or used twice");
        assertReports(ObservabilityChecks.dashboards(suite(COMPOSE, PROMETHEUS, DATASOURCES, PROVIDERS,
                DASHBOARD.replace("\"uid\": \"d\", ", ""))), "no uid or title");
    }

    @Test
    void rejectsTraceExportThatIsOnByDefaultOrNamesNoBackend() {
        String fixed = COMPOSE.replace("\"${OTEL_EXPORTER_OTLP_ENDPOINT:-}\"}\n  echo", "\"http://jaeger:4317\"}\n  echo");
        List<String> problems = ObservabilityChecks.traceExport(suite(fixed, PROMETHEUS, DATASOURCES, PROVIDERS, DASHBOARD),
                "OTEL_EXPORTER_OTLP_ENDPOINT=" + ENDPOINT, "http://collector:4317");
        assertReports(problems, "hello1401 does not set OTEL_EXPORTER_OTLP_ENDPOINT: ${OTEL_EXPORTER_OTLP_ENDPOINT:-}");
        assertReports(problems, ".env.example does not leave OTEL_EXPORTER_OTLP_ENDPOINT empty");
        assertReports(problems, ".env.example does not document http://collector:4317");
        assertReports(problems, "http://collector:4317 is not a service of the observability profile");
    }

    @Test
    void readsTheModulesPortAndMetricsPath() {
        JsonNode none = Suite.yaml("services: {}");
        Suite bare = new Suite(Modules.repositoryRoot(), none, none, none, none, Map.of());
        assertEquals("/prometheus", bare.metricsPath("hello-chain").orElseThrow());
        assertTrue(bare.metricsPath("hello1400").isEmpty());
    }
}
