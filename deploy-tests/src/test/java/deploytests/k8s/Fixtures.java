package deploytests.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Small valid renderings (a service, the gateway) that each negative test breaks in exactly one place. */
final class Fixtures {

    private Fixtures() {
    }

    static String good() {
        return read("/k8s/good.yaml");
    }

    static String gateway() {
        return read("/k8s/gateway.yaml");
    }

    static Manifests rollout() {
        return Manifests.parse(read("/k8s/rollout.yaml"));
    }

    static Manifests brokenRollout(String snippet, String replacement) {
        return broken(read("/k8s/rollout.yaml"), snippet, replacement);
    }

    private static String read(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The good rendering with one exact snippet replaced; fails loudly if the snippet is gone, so no test turns vacuous. */
    static Manifests broken(String snippet, String replacement) {
        return broken(good(), snippet, replacement);
    }

    static Manifests brokenGateway(String snippet, String replacement) {
        return broken(gateway(), snippet, replacement);
    }

    private static Manifests broken(String good, String snippet, String replacement) {
        if (!good.contains(snippet)) {
            throw new IllegalArgumentException("fixture has no " + snippet);
        }
        return Manifests.parse(good.replace(snippet, replacement));
    }
}
