package deploytests.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tutorial step as text: rendered, a file of it, or either broken in one exact place. */
final class StepTexts {

    static final Path ROOT = Modules.repositoryRoot();

    private StepTexts() {
    }

    static String text(String dir) {
        return Kubectl.kustomize(ROOT.resolve("k8s").resolve(dir));
    }

    static String file(String relative) {
        try {
            return Files.readString(ROOT.resolve("k8s").resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with one exact snippet replaced; fails if the snippet is gone, so no test turns vacuous. */
    static String broken(String text, String snippet, String replacement) {
        if (!text.contains(snippet)) {
            throw new IllegalArgumentException("no " + snippet);
        }
        return text.replace(snippet, replacement);
    }

    /** The rollout checks every Deployment of the suite meets. */
    static void rollsWithoutLosingCapacity(String dir) {
        Modules modules = Modules.of(ROOT);
        KustomizationsTest.assertNone(dir, RolloutChecks.rolloutsKeepCapacity(KustomizationsTest.rendered(dir)));
        KustomizationsTest.assertNone(dir, RolloutChecks.stopFitsGracePeriod(KustomizationsTest.rendered(dir), modules, StopTimes.of(ROOT, modules)));
    }
}
