package deploytests.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deploytests.k8s.Manifests;
import deploytests.k8s.Manifests.Workload;
import deploytests.k8s.Modules;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** `helm template -f values-dev.yaml` brings up what `kubectl apply -k k8s/overlays/dev` does, but for the listed differences. */
class DevEquivalenceTest {

    /** Each intended difference: the field, its value in the kustomize and the Helm rendering (null: absent), and why. */
    private record Difference(String field, String kustomize, String helm, String reason) {
    }

    private static final List<Difference> INTENDED = List.of(
            new Difference("Deployment/users-api initContainers", "[migrate]", "[]",
                    "Helm runs db-migrations as a hook Job (users-api-migrations) so `helm upgrade` migrates before the rollout"),
            new Difference("Deployment/hello1403 initContainers", "[migrate]", "[]",
                    "Helm runs db-migrations as a hook Job (hello-chain-migrations) so `helm upgrade` migrates before the rollout"),
            new Difference("Deployment/auth initContainers", "[migrate]", "[]",
                    "Helm runs db-migrations as a hook Job (auth-migrations) so `helm upgrade` migrates before the rollout"),
            new Difference("StatefulSet/users-db container app env",
                    "[MYSQL_DATABASE, MYSQL_PASSWORD, MYSQL_ROOT_PASSWORD, MYSQL_USER]",
                    "[MYSQL_DATABASE, MYSQL_PASSWORD, MYSQL_RANDOM_ROOT_PASSWORD, MYSQL_USER]",
                    "with existingSecret the operator provides one key, password; nobody needs MySQL's root account"),
            new Difference("Secret/users-db-credentials keys", "[password, root-password]", "[password]",
                    "the same: the chart's Secret holds the application user's password only"));

    private static final List<String> HELM_ONLY_WORKLOADS = List.of(
            // Hooks: the migrations (see above) and their rollback templates (`kubectl create job --from=cronjob/...`).
            "Job/users-api-migrations", "Job/hello-chain-migrations", "Job/auth-migrations",
            "CronJob/users-api-schema-rollback", "CronJob/hello-chain-schema-rollback", "CronJob/auth-schema-rollback",
            // `helm test` pods; kustomize has no test phase.
            "Pod/suite-java-cluster-test-auth", "Pod/suite-java-cluster-test-chain", "Pod/suite-java-cluster-test-echo",
            "Pod/suite-java-cluster-test-gateway",
            "Pod/suite-java-cluster-test-hello1400",
            "Pod/suite-java-cluster-test-hello1401", "Pod/suite-java-cluster-test-hello1402", "Pod/suite-java-cluster-test-hello1403",
            "Pod/suite-java-cluster-test-users-api");

    private static Manifests kustomize() {
        return Manifests.kustomize(Modules.repositoryRoot().resolve("k8s/overlays/dev"));
    }

    @Test
    void rendersTheSameWorkloadsServicesConfigAndContainers() {
        SortedMap<String, String> kustomize = ComparedFields.of(kustomize());
        SortedMap<String, String> helm = ComparedFields.of(Chart.render("values-dev.yaml"));
        for (Difference d : INTENDED) {
            // A listed difference that no longer exists must be deleted from the list, so each one is checked.
            assertEquals(d.kustomize(), kustomize.remove(d.field()), "kustomize " + d.field() + " (" + d.reason() + ")");
            assertEquals(d.helm(), helm.remove(d.field()), "helm " + d.field() + " (" + d.reason() + ")");
        }
        assertEquals(text(kustomize), text(helm));
    }

    @Test
    void addsOnlyTheHookAndTestWorkloads() {
        List<String> kustomize = kustomize().workloads().stream().map(Workload::id).toList();
        List<String> extra = Chart.render("values-dev.yaml").workloads().stream().map(Workload::id)
                .filter(id -> !kustomize.contains(id)).sorted().toList();
        assertEquals(HELM_ONLY_WORKLOADS.stream().sorted().toList(), extra);
    }

    @Test
    void migratesWithTheSameSettingsAsTheInitContainers() {
        Map<String, String> services = Map.of("users-api", "users-api", "hello1403", "hello-chain", "auth", "auth");
        Manifests helm = Chart.render("values-dev.yaml");
        services.forEach((deployment, service) -> {
            Container init = kustomize().find(Deployment.class, deployment).orElseThrow()
                    .getSpec().getTemplate().getSpec().getInitContainers().get(0);
            Container job = helm.find(Job.class, service + "-migrations").orElseThrow()
                    .getSpec().getTemplate().getSpec().getContainers().get(0);
            // The init container reads the ConfigMap and Secret, the hook Job literal values: compare what each value is.
            assertEquals(literalEnv(init, kustomize()), literalEnv(job, helm), service + " migration environment");
            assertEquals(init.getArgs(), job.getArgs(), service + " migration arguments");
        });
    }

    private static Map<String, String> literalEnv(Container container, Manifests manifests) {
        Map<String, String> env = new TreeMap<>();
        for (EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            } else if (var.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = var.getValueFrom().getConfigMapKeyRef();
                env.put(var.getName(), manifests.find(ConfigMap.class, ref.getName()).orElseThrow().getData().get(ref.getKey()));
            } else {
                env.put(var.getName(), "secret " + var.getValueFrom().getSecretKeyRef().getKey());
            }
        }
        // Only the image's log format is set on the Job alone; the init container's image default is the same.
        env.remove("LOG_FORMAT");
        return env;
    }

    /** One line per field, so a failure shows a readable diff. */
    private static String text(Map<String, String> view) {
        StringBuilder text = new StringBuilder();
        view.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        return text.toString();
    }
}
