package deploytests.images;

import static org.junit.jupiter.api.Assertions.assertTrue;

import deploytests.k8s.Modules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every program the repository makes a container start (Dockerfiles, compose files, kustomizations, the chart) is one
 * that container's upstream image has, as ci/images/inventory.txt records it; and the inventory lists nothing unused.
 */
class ContainerProgramsTest {

    private static final Path ROOT = Modules.repositoryRoot();
    private static final Inventory INVENTORY = Inventory.read(ROOT.resolve(Inventory.FILE));
    private static final RepositoryCalls REPOSITORY = new RepositoryCalls(ROOT);
    private static List<Call> dockerfiles;
    private static List<Call> compose;
    private static List<Call> renderings;

    // Rendering every kustomization and values file takes seconds: once for all tests.
    @BeforeAll
    static void collect() {
        dockerfiles = REPOSITORY.dockerfiles();
        compose = REPOSITORY.composeFiles();
        renderings = REPOSITORY.renderings();
    }

    private static List<Call> all() {
        List<Call> all = new ArrayList<>(dockerfiles);
        all.addAll(compose);
        all.addAll(renderings);
        return all;
    }

    private static void assertNone(String what, List<String> problems) {
        assertTrue(problems.isEmpty(), () -> problems.size() + " " + what + ":\n" + String.join("\n", problems));
    }

    @Test
    void everyContainerCommandUsesOnlyProgramsItsImageHas() {
        assertNone("calls of programs the upstream image does not have", INVENTORY.problems(all()));
    }

    @Test
    void everyProgramTheInventoryHasIsCalledSomewhere() {
        assertNone("stale inventory entries", INVENTORY.unused(all()));
    }

    @Test
    void readsCommandsFromEveryKindOfFile() {
        assertCalls(dockerfiles, "hello1401/Dockerfile:", "eclipse-temurin:25-jre", "java");
        assertCalls(dockerfiles, "hello1400/Dockerfile:", "eclipse-temurin:25-jdk", "jlink");
        assertCalls(compose, "compose/compose.yaml services.users-db.healthcheck", "mysql:8.4", "mysqladmin");
        assertCalls(compose, "compose/02-dev-loop/compose.yaml services.hello1401.command", "eclipse-temurin:25-jdk", "sh");
        assertCalls(renderings, "k8s/overlays/prod: Deployment/gateway container app preStop", "nginxinc/nginx-unprivileged:1.27", "nginx");
        assertCalls(renderings, "helm/java-cluster with helm/values-dev.yaml: Pod/", "curlimages/curl:8.11.1", "curl");
    }

    private static void assertCalls(List<Call> calls, String where, String image, String program) {
        assertTrue(calls.stream().anyMatch(c -> c.where().startsWith(where) && c.image().equals(image) && c.program().equals(program)),
                () -> "no call of " + program + " in " + image + " at " + where + " among " + calls.size() + " calls");
    }
}
