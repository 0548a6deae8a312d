package deploytests.compose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

/** Small compose files for the tests that show each check can fail, read as if they were a new step of compose/. */
final class ComposeSnippets {

    static final Repository REPO = Repository.current();

    static final String HEALTHY = """
                healthcheck:
                  test: ["CMD", "curl", "-fsS", "http://127.0.0.1:1401/health/readiness"]
            """;

    static final String GOOD_HELLO = """
            services:
              hello1401:
                build:
                  context: ../..
                  dockerfile: hello1401/Dockerfile
                  args:
                    JDK_IMAGE: ${JDK_IMAGE:-eclipse-temurin:25-jdk}
                image: java-cluster/hello1401:1.0.0
                ports: ["127.0.0.1:1401:1401"]
                deploy: {resources: {limits: {memory: 384M}}}
            """ + HEALTHY;

    private ComposeSnippets() {
    }

    static ComposeProject project(String yaml) {
        return project(yaml, Map.of());
    }

    static ComposeProject project(String yaml, Map<String, String> env) {
        return ComposeProject.of("compose/99-example/compose.yaml", REPO.root().resolve("compose/99-example"), List.of(yaml), env);
    }

    static void assertReports(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), () -> "expected '" + expected + "' in " + problems);
    }
}
