package deploytests.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Validates each file, as compose does after interpolation, against the official Compose Specification schema. */
final class SchemaCheck {

    // The schema's own $id is relative; an absolute retrieval location gives its references a base.
    private static final String LOCATION = "https://raw.githubusercontent.com/compose-spec/compose-spec/main/schema/compose-spec.json";
    private static final JsonSchema SCHEMA = load();

    private SchemaCheck() {
    }

    static List<String> problems(ComposeProject project) {
        List<String> problems = new ArrayList<>();
        for (JsonNode file : project.resolvedFiles()) {
            SCHEMA.validate(file).forEach(message -> problems.add(project.name() + ": " + message.getMessage()));
        }
        return problems;
    }

    private static JsonSchema load() {
        try (InputStream in = SchemaCheck.class.getResourceAsStream("/compose-spec.json")) {
            if (in == null) {
                throw new IllegalStateException("compose-spec.json is missing from the test resources");
            }
            JsonNode schema = new ObjectMapper().readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(SchemaLocation.of(LOCATION), schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
