package deploytests.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModulesTest {

    @Test
    void countsTheGatewayFolderAsADeployableThatIsNoMicronautService() {
        Modules modules = Modules.of(Modules.repositoryRoot());
        assertTrue(modules.deployable().contains("gateway"), modules.deployable().toString());
        assertFalse(modules.micronaut().contains("gateway"));
        assertEquals("gateway", modules.moduleOf("registry.example.com/java-cluster/gateway:1.0.0"));
    }

    @Test
    void takesModulesWithSourcesAndDockerfileOnlyFoldersButNothingElse(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<modules><module>api</module><module>parent-only</module></modules>");
        Files.createDirectories(root.resolve("api/src/main/java"));
        Files.createDirectories(root.resolve("parent-only"));
        Files.createDirectories(root.resolve("web"));
        Files.writeString(root.resolve("web/Dockerfile"), "FROM scratch\n");
        Files.createDirectories(root.resolve("docs"));
        assertEquals(Set.of("api", "web"), Modules.of(root).deployable());
    }
}
