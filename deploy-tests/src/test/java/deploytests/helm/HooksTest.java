package deploytests.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deploytests.k8s.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Migrations run as hooks before the services change, and `helm test` checks every service and the chain. */
class HooksTest {

    @Test
    void inClusterDatabasesAreMigratedAfterInstallAndBeforeEachUpgrade() {
        assertEquals(Map.of("users-api-migrations", "post-install,pre-upgrade", "hello-chain-migrations", "post-install,pre-upgrade",
                "auth-migrations", "post-install,pre-upgrade"),
                hooks(Chart.render("values-dev.yaml").ofType(Job.class)));
    }

    @Test
    void externalDatabasesAreMigratedBeforeInstallAndEachUpgrade() {
        assertEquals(Map.of("users-api-migrations", "pre-install,pre-upgrade", "hello-chain-migrations", "pre-install,pre-upgrade",
                "auth-migrations", "pre-install,pre-upgrade"),
                hooks(Chart.render("values-prod-example.yaml").ofType(Job.class)));
    }

    @Test
    void migrationJobsRunUpdateForTheirService() {
        Manifests rendered = Chart.render("values-dev.yaml");
        assertEquals(List.of("users-api", "update"), args(rendered, "users-api-migrations"));
        assertEquals(List.of("hello-chain", "update"), args(rendered, "hello-chain-migrations"));
        assertEquals(List.of("auth", "update"), args(rendered, "auth-migrations"));
    }

    @Test
    void helmTestChecksEveryServiceTheChainAndTheGateway() {
        Map<String, String> commands = new TreeMap<>();
        for (Pod pod : Chart.render("values-dev.yaml").ofType(Pod.class)) {
            assertEquals("test", pod.getMetadata().getAnnotations().get("helm.sh/hook"), pod.getMetadata().getName());
            commands.put(pod.getMetadata().getName(), pod.getSpec().getContainers().get(0).getCommand().get(2));
        }
        String prefix = Chart.RELEASE + "-" + "java-cluster-test-";
        assertEquals(Map.of(
                prefix + "auth", "curl -fsS --max-time 10 http://auth:1406/health/readiness",
                prefix + "chain", "curl -fsS --max-time 10 --retry 2 --retry-all-errors http://hello1403:1403/ | tee /dev/stderr | grep -q 'hop 2:'",
                prefix + "echo", "curl -fsS --max-time 10 http://echo:1404/health/readiness",
                prefix + "gateway", "curl -fsS --max-time 10 http://gateway:8080/ | grep -q '<title>' && curl -fsS --max-time 10 http://gateway:8080/hello",
                prefix + "hello1400", "curl -fsS --max-time 10 http://hello1400:1400/",
                prefix + "hello1401", "curl -fsS --max-time 10 http://hello1401:1401/health/readiness",
                prefix + "hello1402", "curl -fsS --max-time 10 http://hello1402:1402/health/readiness",
                prefix + "hello1403", "curl -fsS --max-time 10 http://hello1403:1403/health/readiness",
                prefix + "users-api", "curl -fsS --max-time 10 http://users-api:1405/health/readiness"), commands);
    }

    private static Map<String, String> hooks(List<? extends HasMetadata> objects) {
        Map<String, String> hooks = new TreeMap<>();
        objects.forEach(o -> hooks.put(o.getMetadata().getName(), o.getMetadata().getAnnotations().get("helm.sh/hook")));
        return hooks;
    }

    private static List<String> args(Manifests rendered, String job) {
        return rendered.find(Job.class, job).orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    }
}
