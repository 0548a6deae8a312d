package deploytests.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads YAML as compose does: anchors, aliases and merge keys (<<) resolved, then as a JSON tree. */
final class Yaml {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Yaml() {
    }

    static JsonNode read(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // compose.yaml's anchors are used more than SnakeYAML's default of 50 aliases allows; compose sets no limit.
        options.setMaxAliasesForCollections(500);
        Object document = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options)).load(text);
        return JSON.valueToTree(document);
    }
}
