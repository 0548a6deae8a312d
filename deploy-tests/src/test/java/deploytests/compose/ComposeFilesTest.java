package deploytests.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every compose file in the repository passes every check; ComposeChecksTest shows each check can fail. */
class ComposeFilesTest {

    private static final Repository REPO = Repository.current();

    static Stream<Path> files() {
        return ComposeFiles.all(REPO).stream();
    }

    static Stream<Path> suiteFiles() {
        return ComposeFiles.SUITE.stream().map(Path::of);
    }

    static Stream<Path> hardenedFiles() {
        return ComposeFiles.HARDENED.stream().map(Path::of);
    }

    private static ComposeProject project(Path file) {
        return ComposeFiles.project(REPO, file);
    }

    @Test
    void findsEveryStepAndTheSuiteFiles() {
        List<String> found = ComposeFiles.all(REPO).stream().map(Path::toString).toList();
        List<String> expected = List.of("compose/01-single-service/compose.yaml", "compose/02-dev-loop/compose.yaml",
                "compose/03-chained-services/compose.yaml", "compose/04-one-database/compose.yaml",
                "compose/05-database-per-service/compose.yaml", "compose/06-migrations/compose.yaml",
                "compose/07-local-registry/compose.yaml", "compose/07-local-registry/registry/compose.yaml", "compose/08-scaling/compose.yaml",
                "compose/09-auth/compose.yaml", "compose/db.yaml", "compose/db-tools.yaml", "compose/compose.yaml");
        assertTrue(found.containsAll(expected), () -> "found only " + found);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void matchesTheComposeSpecification(Path file) {
        assertNone(SchemaCheck.problems(project(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void usesNoKeyTheCiEngineRejects(Path file) {
        assertNone(StructureChecks.keysTheEnginesReject(project(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void givesEveryVariableAValueOrDefault(Path file) {
        assertNone(StructureChecks.variables(project(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void dependsOnDefinedServicesWithConditions(Path file) {
        assertNone(StructureChecks.dependencies(project(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void healthChecksEveryLongRunningService(Path file) {
        assertNone(StructureChecks.healthchecks(project(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void pinsEveryImage(Path file) {
        assertNone(StructureChecks.pinnedImages(project(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void publishesDatabasesOnlyWhereTheStepIsAboutThem(Path file) {
        assertNone(StructureChecks.publishedDatabasePorts(project(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void publishesOnTheLoopbackOnly(Path file) {
        assertNone(StructureChecks.loopbackOnly(project(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void limitsTheMemoryOfJvmServices(Path file) {
        assertNone(StructureChecks.memoryLimits(project(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void keepsDataInDeclaredNamedVolumes(Path file) {
        assertNone(StructureChecks.namedVolumes(project(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void buildsFromModuleDockerfiles(Path file) {
        assertNone(ModuleChecks.builds(project(file), REPO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void usesEachModulesPort(Path file) {
        assertNone(PortChecks.ports(project(file), REPO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void setsOnlyContractEnvironment(Path file) {
        assertNone(ModuleChecks.contractEnvironment(project(file), REPO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void pointsAddressesAtServicesAndTheirPorts(Path file) {
        assertNone(PortChecks.addresses(project(file), REPO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hardenedFiles")
    void hardensEveryContainerOfTheSuite(Path file) {
        assertNone(HardeningCheck.problems(project(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hardenedFiles")
    void restartsAndStopsLongRunningServicesGracefully(Path file) {
        assertNone(LifecycleCheck.problems(project(file), REPO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suiteFiles")
    void takesPasswordsFromRequiredOrDevOnlyVariables(Path file) {
        assertNone(SecretsCheck.problems(project(file)));
    }

    @Test
    void hardensTheLocalRegistryButForItsUser() {
        // registry:2 runs as root and its volume starts root-owned; with no capabilities root writes only what it owns.
        ComposeProject registry = project(Path.of(ComposeFiles.LOCAL_REGISTRY));
        assertEquals(List.of(ComposeFiles.LOCAL_REGISTRY + ": registry sets no user, so it runs as whatever its image says"),
                HardeningCheck.problems(registry));
        assertNone(LifecycleCheck.problems(registry, REPO));
    }

    @Test
    void pullsStep07OnlyFromTheLocalRegistry() {
        ComposeProject pullOnly = project(Path.of(ComposeFiles.PULL_ONLY));
        List<String> problems = new ArrayList<>();
        pullOnly.services().fields().forEachRemaining(s -> {
            String image = s.getValue().path("image").asText("");
            if (s.getValue().has("build")) {
                problems.add(s.getKey() + " builds; this step only pulls");
            }
            if (!Services.registry(image).equals(Optional.of("127.0.0.1:5000")) || Services.moduleOfImage(image).isEmpty()) {
                problems.add(s.getKey() + " image " + image + " is not a suite image from 127.0.0.1:5000");
            }
        });
        assertTrue(pullOnly.services().size() > 0, "no services in " + ComposeFiles.PULL_ONLY);
        assertNone(problems);
        JsonNode registry = project(Path.of(ComposeFiles.LOCAL_REGISTRY)).services().path("registry");
        assertEquals("127.0.0.1:5000:5000", registry.path("ports").path(0).asText(), "the registry publishes 127.0.0.1:5000");
    }

    @Test
    void isolatesTheDataServicesOfTheSuite() {
        assertNone(NetworkIsolationCheck.problems(project(Path.of("compose/compose.yaml"))));
    }

    @Test
    void marksEveryEnvExampleDevOnly() {
        List<Path> examples = files().map(f -> REPO.root().resolve(f).resolveSibling(".env.example"))
                .filter(java.nio.file.Files::isRegularFile).distinct().toList();
        assertTrue(!examples.isEmpty(), "no .env.example beside any compose file");
        List<Path> unmarked = examples.stream().filter(e -> !Repository.read(e).contains("Dev-only")).toList();
        assertEquals(List.of(), unmarked, "each .env.example says its values are dev-only");
    }

    private static void assertNone(List<String> problems) {
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }
}
