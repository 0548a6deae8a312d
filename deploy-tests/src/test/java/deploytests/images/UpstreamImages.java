package deploytests.images;

import deploytests.k8s.Modules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The upstream image a container really runs. The suite's own images (java-cluster/<module>:<tag>, with or without a
 * registry prefix) add only a jar or files to their Dockerfile's final base, so that base is the image to check.
 */
final class UpstreamImages {

    private final Path root;
    private final Modules modules;

    UpstreamImages(Path root) {
        this.root = root;
        this.modules = Modules.of(root);
    }

    Path root() {
        return root;
    }

    /** An image of one of the suite's modules, whose ENTRYPOINT is the suite's own (java -jar ..., nginx). */
    boolean isRepository(String image) {
        return modules.moduleOf(image) != null;
    }

    String of(String image) {
        String module = modules.moduleOf(image);
        if (module == null) {
            return image;
        }
        Path dockerfile = root.resolve(module).resolve("Dockerfile");
        if (!Files.isRegularFile(dockerfile)) {
            throw new IllegalStateException(image + " names module " + module + ", which has no Dockerfile");
        }
        return ofDockerfile(dockerfile, Map.of());
    }

    /** The final base of a Dockerfile built with these build arguments, itself resolved if it is a suite image. */
    String ofDockerfile(Path dockerfile, Map<String, String> buildArgs) {
        return of(Dockerfile.read(dockerfile, label(dockerfile), buildArgs).finalBase());
    }

    /** A path as the messages show it: relative to the repository root. */
    String label(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
