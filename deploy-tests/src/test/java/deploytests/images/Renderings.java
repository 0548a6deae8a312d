package deploytests.images;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import deploytests.k8s.Kubectl;
import deploytests.k8s.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every Kubernetes rendering of the repository: each kustomization under k8s/, and the chart with each values file. */
final class Renderings {

    // helm-java's template leaves hooks out (manusa/helm-java#416), and the `helm test` pods are hooks: rename to keep them.
    private static final String HOOK = "helm.sh/hook:";
    private static final String KEPT_HOOK = "rendered.invalid/hook:";

    private Renderings() {
    }

    /** Label (k8s/overlays/dev, helm/java-cluster with values-dev.yaml) to the parsed objects. */
    static Map<String, Manifests> all(Path root) {
        Map<String, Manifests> renderings = new LinkedHashMap<>();
        for (Path dir : kustomizations(root.resolve("k8s"))) {
            renderings.put(root.relativize(dir).toString(), Manifests.parse(Kubectl.kustomize(dir)));
        }
        Path chart = root.resolve("helm/java-cluster");
        renderings.put("helm/java-cluster", Manifests.parse(template(chart, null)));
        for (Path values : files(root.resolve("helm"), 1, "values-.*\\.yaml")) {
            renderings.put("helm/java-cluster with " + root.relativize(values), Manifests.parse(template(chart, values)));
        }
        return renderings;
    }

    /** Directories with a kustomization that builds on its own; a kind: Component only works inside another. */
    private static List<Path> kustomizations(Path k8s) {
        List<Path> dirs = new ArrayList<>();
        for (Path file : files(k8s, Integer.MAX_VALUE, "kustomization\\.ya?ml")) {
            if (!ComposeCalls.load(file).path("kind").asText().equals("Component")) {
                dirs.add(file.getParent());
            }
        }
        return dirs;
    }

    private static String template(Path chart, Path values) {
        Path copy = copy(chart);
        TemplateCommand template = new Helm(copy).template().withName("suite").withNamespace("java-cluster");
        if (values != null) {
            template = template.withValuesFile(values);
        }
        return template.call().replace(KEPT_HOOK, HOOK);
    }

    private static Path copy(Path chart) {
        try {
            Path target = Files.createTempDirectory("images-chart").resolve(chart.getFileName());
            for (Path path : files(chart, Integer.MAX_VALUE, ".*")) {
                Path copied = target.resolve(chart.relativize(path).toString());
                Files.createDirectories(copied.getParent());
                Files.writeString(copied, Files.readString(path).replace(HOOK, KEPT_HOOK));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir, int depth, String name) {
        try (Stream<Path> paths = Files.walk(dir, depth)) {
            return paths.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().matches(name)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
