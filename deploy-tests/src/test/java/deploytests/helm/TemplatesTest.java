package deploytests.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The template files as a reader meets them: the README's `--show-only` paths render, and each file name says its kind. */
class TemplatesTest {

    // `helm template suite ./helm/java-cluster -f helm/values-dev.yaml --show-only templates/services/users-api-deployment.yaml`
    private static final Pattern SHOW_ONLY = Pattern.compile("helm template \\S+ \\./helm/java-cluster(?: -f helm/(\\S+))? --show-only (\\S+)");
    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: java-cluster/(\\S+)$");
    private static final Pattern KIND = Pattern.compile("(?m)^kind: (\\w+)$");

    @Test
    void rendersWhatTheReadmeShowsWithShowOnly() throws IOException {
        Matcher m = SHOW_ONLY.matcher(Files.readString(Chart.HELM_DIR.resolve("README.md")));
        List<String> missing = new ArrayList<>();
        int shown = 0;
        while (m.find()) {
            shown++;
            if (!kindsBySource(Chart.template(Chart.values(m.group(1)), Map.of())).containsKey(m.group(2))) {
                missing.add(m.group(0));
            }
        }
        assertFalse(shown == 0, "helm/README.md shows no --show-only command");
        assertEquals(List.of(), missing, "renders nothing");
    }

    @ParameterizedTest
    @MethodSource("deploytests.helm.ChartTest#valuesFiles")
    void namesEachTemplateAfterTheKindItRenders(String valuesFile) {
        List<String> misnamed = new ArrayList<>();
        kindsBySource(Chart.template(Chart.values(valuesFile), Map.of())).forEach((source, kinds) -> kinds.stream()
                .filter(kind -> !source.matches(".*[-/]" + kind.toLowerCase() + "\\.yaml"))
                .forEach(kind -> misnamed.add(source + " renders a " + kind)));
        assertEquals(List.of(), misnamed);
    }

    /** `helm template`'s output by the file each object came from, as `--show-only` selects it. */
    private static Map<String, List<String>> kindsBySource(String rendered) {
        Map<String, List<String>> kinds = new TreeMap<>();
        for (String document : rendered.split("(?m)^---$")) {
            Matcher source = SOURCE.matcher(document);
            Matcher kind = KIND.matcher(document);
            if (source.find() && kind.find()) {
                kinds.computeIfAbsent(source.group(1), s -> new ArrayList<>()).add(kind.group(1));
            }
        }
        return kinds;
    }
}
