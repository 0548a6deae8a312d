package deploytests.compose;

import static deploytests.compose.ComposeSnippets.GOOD_HELLO;
import static deploytests.compose.ComposeSnippets.HEALTHY;
import static deploytests.compose.ComposeSnippets.REPO;
import static deploytests.compose.ComposeSnippets.assertReports;
import static deploytests.compose.ComposeSnippets.project;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each check against the modules and docs/architecture.md reports a broken snippet and passes the repaired one. */
class ComposeModuleChecksTest {

    // The nginx gateway: a deployable module with a Dockerfile and no pom.xml, listening on its image's EXPOSE 8080.
    private static final String GATEWAY = """
            services:
              gateway:
                build:
                  context: ../..
                  dockerfile: gateway/Dockerfile
                  args: {NGINX_IMAGE: "nginxinc/nginx-unprivileged:1.27"}
                image: java-cluster/gateway:1.0.0
                ports: ["127.0.0.1:8080:8080"]
                environment: {CHAIN_UPSTREAM: "hello1403:1403"}
                healthcheck:
                  test: ["CMD", "curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/healthz"]
            """;

    private static String probing(String target) {
        return GOOD_HELLO.replace(HEALTHY, """
                    healthcheck:
                      test: ["CMD", "bash", "-c", 'exec 3<>/dev/tcp/127.0.0.1/%s && printf "GET /health/readiness HTTP/1.0\r\n\r\n" >&3']
                """.formatted(target));
    }

    @Test
    void rejectsBuildsThatMissTheModuleDockerfile() {
        List<String> problems = ModuleChecks.builds(project(GOOD_HELLO.replace("context: ../..", "context: ../../hello1401")
                + GOOD_HELLO.substring(GOOD_HELLO.indexOf("  hello1401:")).replace("hello1401:\n", "nowhere:\n")
                        .replace("dockerfile: hello1401/", "dockerfile: nowhere/").replace("JDK_IMAGE", "NO_SUCH_ARG")), REPO);
        assertReports(problems, "is not the repository root");
        assertReports(problems, "nowhere/Dockerfile is not <module>/Dockerfile of a deployable module");
        assertReports(ModuleChecks.builds(project(GOOD_HELLO.replace("JDK_IMAGE:", "RUNTIME_IMAGE:")), REPO),
                "build arg RUNTIME_IMAGE is not an ARG");
        assertReports(ModuleChecks.builds(project(GOOD_HELLO.replace(":1.0.0", ":latest")), REPO), "should be java-cluster/hello1401:1.0.0");
    }

    @Test
    void rejectsPortsThatDifferFromTheModulesPort() {
        assertReports(PortChecks.ports(project(GOOD_HELLO.replace("1401:1401", "1401:8080")), REPO),
                "publishes container port 8080, but the service listens on 1401");
        assertReports(PortChecks.ports(project(GOOD_HELLO.replace("127.0.0.1:1401/health", "127.0.0.1:8080/health")), REPO),
                "healthcheck does not probe port 1401");
        assertReports(PortChecks.ports(project(probing("8080")), REPO), "healthcheck does not probe port 1401");
        String moved = GOOD_HELLO.replace("    ports:", "    environment: {PORT: \"1499\"}\n    ports:");
        assertReports(PortChecks.ports(project(moved), REPO), "docs/architecture.md gives it 1401");
    }

    @Test
    void rejectsEnvironmentTheContractDoesNotList() {
        String yaml = GOOD_HELLO.replace("    ports:", "    environment: {PORT: \"1401\", UPSTREAM_URLL: x}\n    ports:");
        assertEquals(List.of("compose/99-example/compose.yaml: hello1401 sets UPSTREAM_URLL, which docs/architecture.md does not list for hello1401"),
                ModuleChecks.contractEnvironment(project(yaml), REPO));
    }

    @Test
    void acceptsTelemetrySettingsOnMicronautServicesOnly() {
        String hello = GOOD_HELLO.replace("    ports:", "    environment: {OTEL_EXPORTER_OTLP_ENDPOINT: \"\", LOG_FORMAT: json}\n    ports:");
        assertEquals(List.of(), ModuleChecks.contractEnvironment(project(hello), REPO));
        String plain = "services:\n  hello1400:\n    image: java-cluster/hello1400:1.0.0\n    environment: {OTEL_EXPORTER_OTLP_ENDPOINT: x}\n";
        assertReports(ModuleChecks.contractEnvironment(project(plain), REPO), "hello1400 sets OTEL_EXPORTER_OTLP_ENDPOINT");
    }

    @Test
    void rejectsAddressesOfMissingServicesOrWrongPorts() {
        String yaml = GOOD_HELLO + """
              caller:
                image: java-cluster/hello-chain:1.0.0
                environment:
                  UPSTREAM_URL: http://hello1401:1402
                  DATABASE_HOST: chain-db
                  DATABASE_PORT: "5432"
            """;
        List<String> problems = PortChecks.addresses(project(yaml), REPO);
        assertReports(problems, "hello1401 listens on 1401, not 1402");
        assertReports(problems, "chain-db is not a service of this project");
    }

    @Test
    void letsTheScalingStepsGatewayNameAbsentServicesAtTheirOwnPorts() {
        String step = "compose/08-scaling/compose.yaml";
        String yaml = GATEWAY.replace("{CHAIN_UPSTREAM: \"hello1403:1403\"}", "{CHAIN_UPSTREAM: \"hello1403:1403\", USERS_UPSTREAM: \"users-api:1402\"}");
        ComposeProject scaling = ComposeProject.of(step, REPO.root().resolve("compose/08-scaling"), List.of(yaml), Map.of());
        List<String> problems = PortChecks.addresses(scaling, REPO);
        assertEquals(1, problems.size(), () -> String.join("\n", problems));
        assertReports(problems, "users-api listens on 1405 (docs/architecture.md), not 1402");
        assertReports(PortChecks.addresses(project(yaml), REPO), "hello1403 is not a service of this project");
    }

    @Test
    void acceptsHealthchecksThatProbeThePortVariable() {
        assertEquals(List.of(), PortChecks.ports(project(probing("$$PORT")), REPO));
        assertEquals(List.of(), PortChecks.ports(project(probing("$${PORT}")), REPO));
        assertEquals(List.of(), PortChecks.ports(project(probing("1401")), REPO));
    }

    @Test
    void acceptsTheGatewayAsADeployableModuleWithoutMaven() {
        assertEquals(List.of(), ModuleChecks.builds(project(GATEWAY), REPO));
        assertEquals(List.of(), PortChecks.ports(project(GATEWAY), REPO));
        assertEquals(List.of(), ModuleChecks.contractEnvironment(project(GATEWAY), REPO));
        assertReports(PortChecks.ports(project(GATEWAY.replace("8080:8080", "8080:80")), REPO),
                "publishes container port 80, but the service listens on 8080");
        assertReports(ModuleChecks.builds(project(GATEWAY.replace(":1.0.0", ":1.27")), REPO), "should be java-cluster/gateway:1.0.0");
    }

    @Test
    void rejectsAPortVariableTheContainerDoesNotSet() {
        String yaml = GATEWAY.replace("127.0.0.1:8080/healthz", "127.0.0.1:$${PORT}/healthz");
        assertReports(PortChecks.ports(project(yaml), REPO), "neither its environment nor gateway/Dockerfile sets PORT");
    }
}
