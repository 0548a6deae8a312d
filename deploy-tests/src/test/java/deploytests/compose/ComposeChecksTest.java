package deploytests.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each check fed a deliberately broken snippet reports it, and passes the same snippet once repaired. */
class ComposeChecksTest {

    private static final Repository REPO = Repository.current();

    private static final String HEALTHY = """
                healthcheck:
                  test: ["CMD", "curl", "-fsS", "http://127.0.0.1:1401/health/readiness"]
            """;

    private static final String GOOD_HELLO = """
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

    private static ComposeProject project(String yaml) {
        return project(yaml, Map.of());
    }

    private static ComposeProject project(String yaml, Map<String, String> env) {
        return ComposeProject.of("compose/99-example/compose.yaml", REPO.root().resolve("compose/99-example"), List.of(yaml), env);
    }

    private static void assertReports(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), () -> "expected '" + expected + "' in " + problems);
    }

    @Test
    void goodSnippetPassesEveryCheck() {
        ComposeProject good = project(GOOD_HELLO);
        assertEquals(List.of(), SchemaCheck.problems(good));
        assertEquals(List.of(), StructureChecks.keysTheEnginesReject(good));
        assertEquals(List.of(), StructureChecks.variables(good));
        assertEquals(List.of(), StructureChecks.healthchecks(good));
        assertEquals(List.of(), StructureChecks.pinnedImages(good));
        assertEquals(List.of(), StructureChecks.loopbackOnly(good));
        assertEquals(List.of(), StructureChecks.memoryLimits(good));
        assertEquals(List.of(), ModuleChecks.builds(good, REPO));
        assertEquals(List.of(), ModuleChecks.ports(good, REPO));
    }

    @Test
    void schemaRejectsAnUnknownServiceKey() {
        assertReports(SchemaCheck.problems(project(GOOD_HELLO.replace("    ports:", "    portz:"))), "portz");
    }

    @Test
    void rejectsKeysTheCiEngineCannotRead() {
        List<String> problems = StructureChecks.keysTheEnginesReject(project("name: demo\nversion: \"3.8\"\n"
                + GOOD_HELLO.replace("    ports:", "    develop: {watch: []}\n    ports:")));
        assertReports(problems, "'name:'");
        assertReports(problems, "'version:'");
        assertReports(problems, "develop:");
    }

    @Test
    void rejectsVariablesWithoutValueOrDefault() {
        String yaml = GOOD_HELLO.replace("384M", "\"${MEMORY}\"").replace("1.0.0", "${TAG:?set TAG}") + "    user: \"$UID\"\n";
        List<String> problems = StructureChecks.variables(project(yaml));
        assertReports(problems, "${MEMORY} has no default");
        assertReports(problems, "${TAG} is required");
        assertReports(problems, "${UID} has no default");
        assertEquals(List.of(), StructureChecks.variables(project(yaml, Map.of("MEMORY", "1G", "TAG", "1.0.0", "UID", "1000"))));
    }

    @Test
    void rejectsDependenciesOnMissingOrUncheckedServices() {
        String yaml = GOOD_HELLO + """
                depends_on:
                  ghost: {condition: service_healthy}
              waiter:
                image: java-cluster/echo:1.0.0
                depends_on: [hello1401]
            """;
        List<String> problems = StructureChecks.dependencies(project(yaml));
        assertReports(problems, "depends on ghost, which is not defined");
        assertReports(problems, "waiter lists depends_on without conditions");
    }

    @Test
    void rejectsLongRunningServiceWithoutHealthcheck() {
        assertReports(StructureChecks.healthchecks(project(GOOD_HELLO.replace(HEALTHY, ""))), "hello1401 has no healthcheck");
    }

    @Test
    void rejectsUnpinnedOrFixedImages() {
        String yaml = GOOD_HELLO + "  cache:\n    image: redis:latest\n  db:\n    image: postgres:17\n";
        List<String> problems = StructureChecks.pinnedImages(project(yaml));
        assertReports(problems, "redis:latest is not pinned");
        assertReports(problems, "postgres:17 cannot be overridden");
    }

    @Test
    void rejectsPublishedDatabaseOutsideTheDatabaseSteps() {
        String yaml = "services:\n  db:\n    image: ${POSTGRES_IMAGE:-postgres:17}\n    ports: [\"127.0.0.1:5432:5432\"]\n";
        assertReports(StructureChecks.publishedDatabasePorts(project(yaml)), "database db publishes a port");
    }

    @Test
    void rejectsPortsOpenBeyondTheLoopback() {
        assertReports(StructureChecks.loopbackOnly(project(GOOD_HELLO.replace("127.0.0.1:1401:1401", "1401:1401"))), "beyond 127.0.0.1");
    }

    @Test
    void rejectsJvmServiceWithoutMemoryLimit() {
        String yaml = GOOD_HELLO.replace("    deploy: {resources: {limits: {memory: 384M}}}\n", "");
        assertReports(StructureChecks.memoryLimits(project(yaml)), "JVM service hello1401 has no memory limit");
    }

    @Test
    void rejectsUndeclaredVolumesAndHostFoldersForData() {
        String yaml = "services:\n  db:\n    image: postgres:17\n    volumes: [\"./data:/var/lib/postgresql/data\", \"other:/x\"]\n";
        List<String> problems = StructureChecks.namedVolumes(project(yaml));
        assertReports(problems, "keeps data in host folder ./data");
        assertReports(problems, "volume other, which is not declared");
    }

    @Test
    void rejectsBuildsThatMissTheModuleDockerfile() {
        List<String> problems = ModuleChecks.builds(project(GOOD_HELLO.replace("context: ../..", "context: ../../hello1401")
                + GOOD_HELLO.substring(GOOD_HELLO.indexOf("  hello1401:")).replace("hello1401:\n", "nowhere:\n")
                        .replace("dockerfile: hello1401/", "dockerfile: nowhere/").replace("JDK_IMAGE", "NO_SUCH_ARG")), REPO);
        assertReports(problems, "is not the repository root");
        assertReports(problems, "nowhere/Dockerfile is not <module>/Dockerfile of a Maven module");
        assertReports(ModuleChecks.builds(project(GOOD_HELLO.replace("JDK_IMAGE:", "RUNTIME_IMAGE:")), REPO),
                "build arg RUNTIME_IMAGE is not an ARG");
        assertReports(ModuleChecks.builds(project(GOOD_HELLO.replace(":1.0.0", ":latest")), REPO), "should be java-cluster/hello1401:1.0.0");
    }

    @Test
    void rejectsPortsThatDifferFromTheModulesPort() {
        assertReports(ModuleChecks.ports(project(GOOD_HELLO.replace("1401:1401", "1401:8080")), REPO),
                "publishes container port 8080, but the service listens on 1401");
        assertReports(ModuleChecks.ports(project(GOOD_HELLO.replace("127.0.0.1:1401/health", "127.0.0.1:8080/health")), REPO),
                "healthcheck does not probe port 1401");
        String moved = GOOD_HELLO.replace("    ports:", "    environment: {PORT: \"1499\"}\n    ports:");
        assertReports(ModuleChecks.ports(project(moved), REPO), "docs/architecture.md gives it 1401");
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
        List<String> problems = ModuleChecks.addresses(project(yaml), REPO);
        assertReports(problems, "hello1401 listens on 1401, not 1402");
        assertReports(problems, "chain-db is not a service of this project");
    }
}
