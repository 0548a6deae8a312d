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

/** Each structure check fed a deliberately broken snippet reports it, and passes the same snippet once repaired. */
class ComposeChecksTest {

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
        assertEquals(List.of(), PortChecks.ports(good, REPO));
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
    void takesASuiteImageFromARegistryForItsModule() {
        String pulled = "services:\n  echo:\n    image: 127.0.0.1:5000/java-cluster/echo:1.0.0\n";
        assertEquals(List.of(), StructureChecks.pinnedImages(project(pulled)));
        assertReports(StructureChecks.memoryLimits(project(pulled)), "JVM service echo has no memory limit");
        assertReports(StructureChecks.pinnedImages(project(pulled.replace("java-cluster/echo", "someone/echo"))),
                "127.0.0.1:5000/someone/echo:1.0.0 cannot be overridden");
        assertEquals(List.of("127.0.0.1:5000"), Services.registry("127.0.0.1:5000/java-cluster/echo:1.0.0").stream().toList());
        assertEquals(List.of(), Services.registry("java-cluster/echo:1.0.0").stream().toList());
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
}
