package deploytests.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import deploytests.k8s.Manifests;
import deploytests.k8s.Modules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** The java-cluster chart rendered and linted offline through helm-java's bundled Helm library. */
final class Chart {

    static final Path HELM_DIR = Modules.repositoryRoot().resolve("helm");
    static final Path DIR = HELM_DIR.resolve("java-cluster");
    static final String RELEASE = "suite";
    static final String NAMESPACE = "java-cluster";

    // helm-java's template leaves hooks out (manusa/helm-java#416); a renamed annotation keeps them in the manifest.
    private static final String HOOK = "helm.sh/hook:";
    private static final String KEPT_HOOK = "rendered.invalid/hook:";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Chart() {
    }

    /** A values file shipped beside the chart, e.g. values-dev.yaml; null means the chart's defaults. */
    static Path values(String name) {
        return name == null ? null : HELM_DIR.resolve(name);
    }

    /** `helm template` with hooks and test pods included, as `helm install` would create them. */
    static String template(Path valuesFile, Map<String, String> set) {
        Path copy = copy(DIR);
        try (Stream<Path> files = Files.walk(copy.resolve("templates"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(file, Files.readString(file).replace(HOOK, KEPT_HOOK));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TemplateCommand template = new Helm(copy).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        for (var entry : set.entrySet()) {
            template = template.set(entry.getKey(), entry.getValue());
        }
        return template.call().replace(KEPT_HOOK, HOOK);
    }

    static Manifests render(String valuesFile) {
        return Manifests.parse(template(values(valuesFile), Map.of()));
    }

    /** `helm lint --strict`; helm-java's lint takes no -f, so the values file is merged into a copy's values.yaml. */
    static LintResult lint(Path valuesFile) {
        Path copy = copy(DIR);
        if (valuesFile != null) {
            try {
                JsonNode merged = merge(YAML.readTree(DIR.resolve("values.yaml").toFile()), YAML.readTree(valuesFile.toFile()));
                YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Helm(copy).lint().strict().call();
    }

    /** Helm's coalescing of a values file over the defaults: maps merge key by key, anything else replaces. */
    static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode target) || !override.isObject()) {
            return override;
        }
        override.fields().forEachRemaining(e -> target.set(e.getKey(),
                target.has(e.getKey()) ? merge(target.get(e.getKey()), e.getValue()) : e.getValue()));
        return target;
    }

    private static Path copy(Path source) {
        try {
            Path target = Files.createTempDirectory("java-cluster-chart").resolve(source.getFileName());
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path path : paths.toList()) {
                    Files.copy(path, target.resolve(source.relativize(path).toString()));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
