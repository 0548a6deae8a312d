package deploytests.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import deploytests.k8s.Modules;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check fails where it must: fixtures that call curl in a temurin image; and passes bash's /dev/tcp probe there. */
class InventoryCheckTest {

    private static final Path ROOT = Modules.repositoryRoot();
    private static final Inventory INVENTORY = Inventory.read(ROOT.resolve(Inventory.FILE));
    private static final RepositoryCalls REPOSITORY = new RepositoryCalls(ROOT);
    private static final String LACKS = ", which the upstream image lacks (inventory: " + Inventory.FILE + ")";

    private static Path fixture(String name) {
        try {
            return Path.of(InventoryCheckTest.class.getResource("/images/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Call> compose(String name) {
        return new ComposeCalls(REPOSITORY.images()).calls(fixture(name));
    }

    private static String label(String name) {
        return REPOSITORY.images().label(fixture(name));
    }

    @Test
    void flagsCurlInATemurinBasedHealthcheck() {
        assertEquals(List.of(label("temurin-curl/Dockerfile") + ":4 HEALTHCHECK: eclipse-temurin:25-jre calls curl" + LACKS),
                INVENTORY.problems(REPOSITORY.dockerfile(fixture("temurin-curl/Dockerfile"))));
    }

    @Test
    void flagsCurlInATemurinBasedComposeHealthcheck() {
        String file = label("temurin-curl/services.yaml");
        assertEquals(List.of(file + " services.built.healthcheck: eclipse-temurin:25-jre calls curl" + LACKS,
                file + " services.pulled.healthcheck: eclipse-temurin:25-jre calls curl" + LACKS),
                INVENTORY.problems(compose("temurin-curl/services.yaml")));
    }

    @Test
    void acceptsTheBashDevTcpProbeAndTrainingRunInATemurinImage() {
        List<Call> dockerfile = REPOSITORY.dockerfile(fixture("temurin-bash/Dockerfile"));
        assertEquals(List.of("bash", "java", "seq", "sleep", "seq", "bash"), dockerfile.stream().map(Call::program).toList());
        assertEquals(List.of(), INVENTORY.problems(dockerfile));
        List<Call> compose = compose("temurin-bash/services.yaml");
        assertEquals(List.of("bash", "bash"), compose.stream().map(Call::program).toList());
        assertEquals(List.of(), INVENTORY.problems(compose));
    }

    @Test
    void namesAnImageTheInventoryDoesNotList() {
        assertEquals(List.of("x: image busybox:1.37 is not in the inventory (" + Inventory.FILE
                + "); list what its upstream Dockerfile installs"),
                INVENTORY.problems(List.of(new Call("x", "busybox:1.37", "sh"))));
    }

    @Test
    void tellsAProgramTheImageLacksFromOneItDoesNotList() {
        Inventory inventory = Inventory.parse("# comment\nimg:1 has sh\nimg:1 lacks curl\n");
        assertEquals(List.of("a: img:1 calls curl, which the upstream image lacks (inventory: " + Inventory.FILE + ")",
                "b: img:1 calls wget, which the upstream image does not have (inventory: " + Inventory.FILE + ")"),
                inventory.problems(List.of(new Call("a", "img:1", "curl"), new Call("b", "img:1", "wget"), new Call("c", "img:1", "sh"))));
    }

    @Test
    void reportsAHasEntryNothingCalls() {
        Inventory inventory = Inventory.parse("img:1 has sh tar\n");
        assertEquals(List.of(Inventory.FILE + ": img:1 has tar, but nothing in the repository calls it there"),
                inventory.unused(List.of(new Call("a", "img:1", "sh"), new Call("b", "img:2", "tar"))));
    }

    @Test
    void acceptsANeededProgramThatNothingCallsDirectly() {
        Inventory inventory = Inventory.parse("img:1 has sh\nimg:1 needs tar\n");
        List<Call> calls = List.of(new Call("a", "img:1", "sh"), new Call("b", "img:1", "tar"));
        assertEquals(List.of(), inventory.unused(calls.subList(0, 1)));
        assertEquals(List.of(), inventory.problems(calls));
    }

    @Test
    void rejectsLinesOfAnotherFormAndAProgramBothHadAndLacked() {
        assertThrows(IllegalArgumentException.class, () -> Inventory.parse("img:1 contains sh\n"));
        assertThrows(IllegalArgumentException.class, () -> Inventory.parse("img:1 has curl\nimg:1 lacks curl\n"));
        assertThrows(IllegalArgumentException.class, () -> Inventory.parse("img:1 needs curl\nimg:1 lacks curl\n"));
    }
}
