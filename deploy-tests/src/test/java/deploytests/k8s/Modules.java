package deploytests.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The suite's deployables: the reactor modules that ship code (those with main sources) and the folders that build an
 * image from a Dockerfile alone (the nginx gateway); and which of them are Micronaut services.
 */
public record Modules(Set<String> deployable, Set<String> micronaut) {

    public static final String IMAGE_PREFIX = "java-cluster/";
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    public static Modules of(Path repositoryRoot) {
        Set<String> deployable = new TreeSet<>();
        Set<String> micronaut = new TreeSet<>();
        for (String name : reactorModules(repositoryRoot)) {
            Path dir = repositoryRoot.resolve(name);
            if (Files.isDirectory(dir.resolve("src/main/java"))) {
                deployable.add(name);
                if (Files.isRegularFile(dir.resolve("src/main/resources/application.yml"))) {
                    micronaut.add(name);
                }
            }
        }
        deployable.addAll(dockerfileOnly(repositoryRoot));
        return new Modules(Set.copyOf(deployable), Set.copyOf(micronaut));
    }

    private static List<String> dockerfileOnly(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("Dockerfile")) && !Files.exists(dir.resolve("pom.xml")))
                    .map(dir -> dir.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static List<String> reactorModules(Path root) {
        try {
            Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
            List<String> names = new ArrayList<>();
            while (m.find()) {
                names.add(m.group(1).trim());
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the root POM under " + root, e);
        }
    }

    /** The repository root, found from the test's working directory by the Maven wrapper that sits there. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy-tests"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    /** The module an image was built from, or null when the image is not one of the suite's. */
    public String moduleOf(String image) {
        String repository = Images.repository(image);
        int at = repository.lastIndexOf(IMAGE_PREFIX);
        if (at < 0 || (at > 0 && repository.charAt(at - 1) != '/')) {
            return null;
        }
        return repository.substring(at + IMAGE_PREFIX.length());
    }
}
