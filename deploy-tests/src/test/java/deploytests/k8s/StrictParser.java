package deploytests.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses rendered manifests into the fabric8 model and fails on anything the API server would reject or silently
 * drop: an unknown kind, an unknown or misspelled field, or a value of the wrong type.
 */
public final class StrictParser {

    private static final ObjectMapper MAPPER = strictMapper();

    private StrictParser() {
    }

    /** Every object of a multi-document YAML stream, in order; empty documents are skipped. */
    public static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            for (var it = MAPPER.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode node = it.next();
                if (node == null || node.isNull() || node.isEmpty()) {
                    continue;
                }
                parseOne(node, objects, problems);
            }
        } catch (IOException e) {
            throw new AssertionError("not valid YAML: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("strict parse failed:\n  " + String.join("\n  ", problems));
        }
        return objects;
    }

    private static void parseOne(JsonNode node, List<HasMetadata> objects, List<String> problems) {
        String apiVersion = node.path("apiVersion").asText();
        String kind = node.path("kind").asText();
        String name = kind + "/" + node.path("metadata").path("name").asText("<no name>");
        Class<? extends HasMetadata> type = Kinds.typeOf(apiVersion, kind);
        if (type == null) {
            problems.add(name + ": unsupported apiVersion/kind " + apiVersion + "/" + kind);
            return;
        }
        try {
            HasMetadata object = MAPPER.treeToValue(node, type);
            UnknownFields.find(object).forEach(path -> problems.add(name + ": unknown field " + path));
            objects.add(object);
        } catch (JsonMappingException e) {
            problems.add(name + ": wrong type at " + path(e) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            problems.add(name + ": " + e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.toString();
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        refuseScalarCoercion(mapper);
        return mapper;
    }

    /** The API server rejects a number where it expects a string (e.g. an env value), so the parser must too. */
    static void refuseScalarCoercion(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
}
