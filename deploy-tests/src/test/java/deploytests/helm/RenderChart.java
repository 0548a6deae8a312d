package deploytests.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * `helm template` of the chart with one values file, hooks and test pods included, for ci/k8s-smoke.sh: no helm
 * binary is needed, as helm-java bundles Helm's own library. Arguments: VALUES-FILE (under helm/) OUTPUT-FILE.
 */
final class RenderChart {

    private RenderChart() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: RenderChart VALUES-FILE OUTPUT-FILE, e.g. values-dev.yaml out.yaml");
        }
        Files.writeString(Path.of(args[1]), Chart.template(Chart.values(args[0]), Map.of()));
    }
}
