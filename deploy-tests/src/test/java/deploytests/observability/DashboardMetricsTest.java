package deploytests.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The compose Grafana dashboards query only metrics that the services, run from their jars, really expose. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardMetricsTest {

    private final List<ServiceJar> services = new ArrayList<>();
    private final Set<String> exposed = new TreeSet<>();

    /** The chain and the users API as compose runs them, each used once so every meter they register exists. */
    @BeforeAll
    void scrapeTheChainAndTheUsersApi() throws IOException, InterruptedException {
        ServiceJar hello1402 = run("hello1402", "hello-chain", Map.of());
        ServiceJar hello1403 = run("hello1403", "hello-chain", Map.of("UPSTREAM_URL", hello1402.url()));
        // A Redis that nobody listens on: every cached read counts as a miss, so the cache meters are there.
        ServiceJar usersApi = run("users-api", "users-api", Map.of("REDIS_URI", "redis://127.0.0.1:" + ServiceJar.freePort()));
        for (ServiceJar service : services) {
            service.awaitReady();
        }
        hello1403.get("/");
        usersApi.get("/users/1");
        exposed.addAll(MetricNames.exposed(hello1403.get("/prometheus")));
        exposed.addAll(MetricNames.exposed(usersApi.get("/prometheus")));
    }

    @AfterAll
    void stopThem() throws InterruptedException {
        for (ServiceJar service : services) {
            service.close();
        }
    }

    @Test
    void queriesOnlyMetricsTheServicesExpose() {
        Suite.load().dashboards().forEach((file, dashboard) -> {
            Set<String> missing = new TreeSet<>(MetricNames.inDashboard(dashboard));
            missing.removeAll(exposed);
            assertEquals(Set.of(), missing, Suite.DASHBOARDS + "/" + file + " queries metrics no service exposes");
        });
    }

    @Test
    void scrapedTheUpstreamCallThePoolAndTheCache() {
        // Without these the check above would pass on a scrape taken before the services did anything.
        assertTrue(exposed.containsAll(Set.of("http_client_requests_seconds_bucket", "hikaricp_connections_active", "cache_gets_total")),
                exposed.toString());
    }

    private ServiceJar run(String name, String module, Map<String, String> env) {
        ServiceJar service = ServiceJar.start(name, module, env);
        services.add(service);
        return service;
    }
}
