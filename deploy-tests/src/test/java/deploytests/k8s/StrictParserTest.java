package deploytests.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StrictParserTest {

    @Test
    void parsesEveryObjectOfAValidRendering() {
        assertEquals(5, Manifests.parse(Fixtures.good()).objects().size());
    }

    @Test
    void rejectsAMisspelledNestedFieldNamingObjectAndPath() {
        String message = failure("          readinessProbe:", "          readinesProbe:");
        assertTrue(message.contains("Deployment/users-api: unknown field spec.template.spec.containers[0].readinesProbe"), message);
    }

    @Test
    void rejectsAnUnknownTopLevelField() {
        String message = failure("kind: ConfigMap\n", "kind: ConfigMap\nspec: {}\n");
        assertTrue(message.contains("ConfigMap/db-config: unknown field spec"), message);
    }

    @Test
    void rejectsTextWhereANumberBelongs() {
        String message = failure("replicas: 2", "replicas: two");
        assertTrue(message.contains("Deployment/users-api: wrong type at spec.replicas"), message);
    }

    @Test
    void rejectsAQuotedNumberWhereANumberBelongs() {
        String message = failure("replicas: 2", "replicas: \"2\"");
        assertTrue(message.contains("wrong type at spec.replicas"), message);
    }

    @Test
    void rejectsANumberWhereTextBelongs() {
        String message = failure("  database.host: users-db", "  database.host: 3306");
        assertTrue(message.contains("ConfigMap/db-config: wrong type at data"), message);
    }

    @Test
    void rejectsAnUnknownKind() {
        String message = failure("kind: ConfigMap", "kind: ConfigMapp");
        assertTrue(message.contains("unsupported apiVersion/kind v1/ConfigMapp"), message);
    }

    private static String failure(String snippet, String replacement) {
        return assertThrows(AssertionError.class, () -> Fixtures.broken(snippet, replacement)).getMessage();
    }
}
