package deploytests.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deploytests.k8s.ConsistencyChecks;
import deploytests.k8s.Manifests;
import deploytests.k8s.Modules;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** observability.enabled adds what k8s/components/observability adds, to the Micronaut services only, and nothing when false. */
class ObservabilityTest {

    private static final Set<String> SERVICES = Set.of("hello1400", "hello1401", "hello1402", "hello1403", "echo", "users-api", "auth");
    private static final Set<String> POLICIES = Set.of("scrape-from-monitoring", "traces-to-collector");
    private static final String ON = "annotations={prometheus.io/path=/prometheus, prometheus.io/scrape=true} telemetry=on"
            + " OTEL_EXPORTER_OTLP_ENDPOINT=telemetry-config/otlp.endpoint";
    private static final String OFF = "annotations={} telemetry=null OTEL_EXPORTER_OTLP_ENDPOINT=null";

    private static Manifests devWith(Map<String, String> set) {
        return Manifests.parse(Chart.template(Chart.values("values-dev.yaml"), set));
    }

    @Test
    void enabledAddsAnnotationsEndpointAndPoliciesToTheMicronautServices() {
        Manifests rendered = devWith(Map.of("observability.enabled", "true"));

        assertEquals(Map.of("hello1400", OFF, "hello1401", ON, "hello1402", ON, "hello1403", ON, "echo", ON, "users-api", ON, "auth", ON),
                telemetry(rendered));
        ConfigMap config = rendered.find(ConfigMap.class, "telemetry-config").orElseThrow();
        assertEquals(Map.of("otlp.endpoint", "http://otel-collector.observability.svc:4317"), config.getData());
        assertEquals(POLICIES, policies(rendered).keySet());
        assertEquals(List.of(), ConsistencyChecks.networkPoliciesSelectPods(rendered));
        assertEquals(List.of(), ConsistencyChecks.referencesExist(rendered, Map.of()));
    }

    @Test
    void disabledAddsNone() {
        Manifests rendered = devWith(Map.of());

        telemetry(rendered).forEach((name, telemetry) -> assertEquals(OFF, telemetry, name));
        assertTrue(rendered.find(ConfigMap.class, "telemetry-config").isEmpty());
        assertEquals(Map.of(), policies(rendered));
    }

    @Test
    void opensTheEndpointsPortAndTheConfiguredNamespaces() {
        Manifests rendered = devWith(Map.of("observability.enabled", "true", "observability.otlpEndpoint", "http://tempo.tracing:14317",
                "observability.prometheusNamespace", "metrics", "observability.collectorNamespace", "tracing"));

        String traces = policies(rendered).get("traces-to-collector").getSpec().getEgress().toString();
        assertTrue(traces.contains("value=14317)") && traces.contains("kubernetes.io/metadata.name=tracing"), traces);
        String scrape = policies(rendered).get("scrape-from-monitoring").getSpec().getIngress().toString();
        assertTrue(scrape.contains("kubernetes.io/metadata.name=metrics"), scrape);
    }

    @Test
    void withoutNetworkPoliciesAddsNoTelemetryPolicy() {
        Manifests rendered = devWith(Map.of("observability.enabled", "true", "networkPolicy.enabled", "false"));

        assertEquals(Map.of(), policies(rendered));
        assertEquals(ON, telemetry(rendered).get("echo"));
    }

    @Test
    void prodExampleMatchesTheKustomizeProdOverlay() {
        Manifests helm = Chart.render("values-prod-example.yaml");
        Manifests kustomize = Manifests.kustomize(Modules.repositoryRoot().resolve("k8s/overlays/prod"));

        assertEquals(telemetry(kustomize), telemetry(helm));
        assertEquals(kustomize.find(ConfigMap.class, "telemetry-config").orElseThrow().getData(),
                helm.find(ConfigMap.class, "telemetry-config").orElseThrow().getData());
        policies(kustomize).forEach((name, policy) -> assertEquals(policy.getSpec(), policies(helm).get(name).getSpec(), name));
    }

    /** Per service: its pods' prometheus.io annotations, telemetry label and where OTEL_EXPORTER_OTLP_ENDPOINT comes from. */
    private static Map<String, String> telemetry(Manifests manifests) {
        Map<String, String> view = new TreeMap<>();
        for (Deployment d : manifests.ofType(Deployment.class)) {
            String name = d.getMetadata().getName();
            if (!SERVICES.contains(name)) {
                continue;
            }
            var pod = d.getSpec().getTemplate().getMetadata();
            Map<String, String> annotations = new TreeMap<>(Objects.requireNonNullElse(pod.getAnnotations(), Map.of()));
            annotations.keySet().removeIf(k -> !k.startsWith("prometheus.io/"));
            String endpoint = d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("OTEL_EXPORTER_OTLP_ENDPOINT")).findFirst().map(ObservabilityTest::source).orElse(null);
            view.put(name, "annotations=" + annotations + " telemetry=" + pod.getLabels().get("java-cluster/telemetry")
                    + " OTEL_EXPORTER_OTLP_ENDPOINT=" + endpoint);
        }
        assertEquals(SERVICES, view.keySet(), "a suite service is missing from the rendering");
        return view;
    }

    private static String source(EnvVar env) {
        var ref = env.getValueFrom() == null ? null : env.getValueFrom().getConfigMapKeyRef();
        return ref == null ? "value " + env.getValue() : ref.getName() + "/" + ref.getKey();
    }

    private static Map<String, NetworkPolicy> policies(Manifests manifests) {
        Map<String, NetworkPolicy> found = new TreeMap<>();
        manifests.ofType(NetworkPolicy.class).stream().filter(p -> POLICIES.contains(p.getMetadata().getName()))
                .forEach(p -> found.put(p.getMetadata().getName(), p));
        return found;
    }
}
