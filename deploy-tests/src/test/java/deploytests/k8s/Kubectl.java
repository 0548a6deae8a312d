package deploytests.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Renders kustomizations offline with {@code kubectl kustomize}; no cluster is contacted. */
public final class Kubectl {

    private static final Path DEFAULT = Path.of("/usr/bin/kubectl");

    private Kubectl() {
    }

    /** The rendered multi-document YAML of one kustomization directory. */
    public static String kustomize(Path dir) {
        return run(List.of(executable(), "kustomize", dir.toString()));
    }

    /** Runs a rendering tool and returns its stdout, failing with its stderr; shared with the Helm checks. */
    public static String run(List<String> command) {
        try {
            Path err = Files.createTempFile("render", ".err");
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 120 s");
            }
            String stderr = Files.readString(err);
            Files.delete(err);
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " failed:\n" + stderr);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String executable() {
        return requireTool("kubectl", DEFAULT, "install kubectl (https://kubernetes.io/docs/tasks/tools/)");
    }

    /**
     * Finds a tool on the PATH or at a known location. A missing tool fails the build under CI=true and skips the
     * test elsewhere, with the install hint.
     */
    public static String requireTool(String name, Path fallback, String installHint) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if (fallback != null && Files.isExecutable(fallback)) {
            return fallback.toString();
        }
        String message = name + " not found on PATH: " + installHint;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true never skips this check)");
        }
        Assumptions.abort(message + "; skipping");
        return name;
    }
}
