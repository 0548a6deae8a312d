package deploytests.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every program the repository makes a container start, from its Dockerfiles, compose files, manifests and chart. */
final class RepositoryCalls {

    private final UpstreamImages images;
    private final Commands commands;

    RepositoryCalls(Path root) {
        this.images = new UpstreamImages(root);
        this.commands = new Commands(root);
    }

    UpstreamImages images() {
        return images;
    }

    /** Each <module>/Dockerfile at the root: RUN in every stage and the HEALTHCHECK, against the stage's base. */
    List<Call> dockerfiles() {
        List<Call> calls = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(images.root())) {
            for (Path dockerfile : dirs.map(d -> d.resolve("Dockerfile")).filter(Files::isRegularFile).sorted().toList()) {
                calls.addAll(dockerfile(dockerfile));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return calls;
    }

    List<Call> dockerfile(Path dockerfile) {
        List<Call> calls = new ArrayList<>();
        for (Dockerfile.Command command : Dockerfile.read(dockerfile, images.label(dockerfile), Map.of()).commands()) {
            String image = images.of(command.image());
            commands.programs(command.argv()).forEach(program -> calls.add(new Call(command.where(), image, program)));
        }
        return calls;
    }

    /** Each YAML file under compose/ that defines services. */
    List<Call> composeFiles() {
        List<Call> calls = new ArrayList<>();
        ComposeCalls compose = new ComposeCalls(images);
        try (Stream<Path> files = Files.walk(images.root().resolve("compose"))) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                if (ComposeCalls.isCompose(file)) {
                    calls.addAll(compose.calls(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return calls;
    }

    /** Every kustomization under k8s/ and the chart with each values file, as kubectl and Helm render them. */
    List<Call> renderings() {
        List<Call> calls = new ArrayList<>();
        PodCalls pods = new PodCalls(images);
        Renderings.all(images.root()).forEach((label, manifests) -> calls.addAll(pods.calls(label, manifests)));
        return calls;
    }
}
