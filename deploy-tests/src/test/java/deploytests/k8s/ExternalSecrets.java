package deploytests.k8s;

import java.util.Map;
import java.util.Set;

/** Secrets an overlay expects the operator to create, by name with their keys; documented in that overlay's README. */
final class ExternalSecrets {

    private static final Map<String, Map<String, Set<String>>> BY_DIR = Map.of(
            "overlays/prod", Map.of(
                    "users-db-credentials", Set.of("password"),
                    "chain-db-credentials", Set.of("password"),
                    "auth-db-credentials", Set.of("password"),
                    "auth-signing-key", Set.of("signing.jwk"),
                    "redis-credentials", Set.of("uri")));

    private ExternalSecrets() {
    }

    static Map<String, Set<String>> of(String dir) {
        return BY_DIR.getOrDefault(dir, Map.of());
    }
}
