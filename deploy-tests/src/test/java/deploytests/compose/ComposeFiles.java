package deploytests.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every compose file in the repository, each with the files compose reads together with it. */
final class ComposeFiles {

    /** Overlays that only work on top of another file: db-tools.yaml adds jobs to the databases of db.yaml. */
    static final Map<String, String> USED_WITH = Map.of("compose/db-tools.yaml", "compose/db.yaml");
    /** The suite as run and developed against; the numbered steps teach one idea each and skip the hardening. */
    static final List<String> SUITE = List.of("compose/compose.yaml", "compose/db.yaml", "compose/db-tools.yaml");
    /**
     * The suite; step 08, whose lesson needs its stop grace: a replica removed by --scale finishes its requests; and
     * step 07's pull-only file, whose images are the suite's own. Step 07's registry is hardened but for its user.
     */
    static final List<String> HARDENED = Stream.concat(SUITE.stream(),
            Stream.of("compose/07-local-registry/compose.yaml", "compose/08-scaling/compose.yaml")).toList();
    /** Step 07: the registry, and the file that only pulls from it. */
    static final String LOCAL_REGISTRY = "compose/07-local-registry/registry/compose.yaml";
    static final String PULL_ONLY = "compose/07-local-registry/compose.yaml";

    private ComposeFiles() {
    }

    /** compose.yaml (or .yml, or the older docker-compose.y*ml) anywhere, and every YAML file directly in compose/. */
    static List<Path> all(Repository repo) {
        try (Stream<Path> files = Files.walk(repo.root())) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !ignored(repo.relative(p)))
                    .filter(p -> isComposeFile(repo.relative(p)))
                    .map(repo::relative)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ComposeProject project(Repository repo, Path file) {
        List<Path> files = new ArrayList<>();
        String base = USED_WITH.get(file.toString().replace('\\', '/'));
        if (base != null) {
            files.add(Path.of(base));
        }
        files.add(file);
        Path dir = repo.root().resolve(files.get(0)).getParent();
        List<String> texts = files.stream().map(f -> Repository.read(repo.root().resolve(f))).toList();
        return ComposeProject.load(file.toString(), dir, texts);
    }

    private static boolean isComposeFile(Path relative) {
        String name = relative.getFileName().toString();
        boolean inComposeDir = relative.getNameCount() == 2 && relative.getName(0).toString().equals("compose");
        return name.matches("(docker-)?compose\\.ya?ml") || (inComposeDir && name.matches(".*\\.ya?ml"));
    }

    /** Build output, hidden folders, and test fixtures (other tests' deliberately partial compose files). */
    private static boolean ignored(Path relative) {
        if (relative.toString().replace('\\', '/').contains("src/test/resources/")) {
            return true;
        }
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
