package deploytests.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks that need only the compose files themselves; each returns the problems it found. */
final class StructureChecks {

    /** Where publishing a database port is the point of the file. */
    static final Set<String> MAY_PUBLISH_DATABASES = Set.of("compose/04-one-database/compose.yaml", "compose/db.yaml");

    private StructureChecks() {
    }

    /** docker-compose 1.29 (the CI engine) rejects the top-level name: and the service key develop:; version: is obsolete. */
    static List<String> keysTheEnginesReject(ComposeProject project) {
        List<String> problems = new ArrayList<>();
        for (JsonNode file : project.rawFiles()) {
            for (String key : List.of("version", "name")) {
                if (file.has(key)) {
                    problems.add(project.name() + ": top-level '" + key + ":' key");
                }
            }
            file.path("services").fields().forEachRemaining(s -> {
                if (s.getValue().has("develop")) {
                    problems.add(project.name() + ": service " + s.getKey() + " has 'develop:' (document develop.watch in the README instead)");
                }
            });
        }
        return problems;
    }

    static List<String> dependencies(ComposeProject project) {
        List<String> problems = new ArrayList<>();
        project.services().fields().forEachRemaining(s -> {
            JsonNode dependsOn = s.getValue().path("depends_on");
            if (dependsOn.isArray()) {
                problems.add(project.name() + ": " + s.getKey() + " lists depends_on without conditions");
                return;
            }
            dependsOn.fields().forEachRemaining(d -> {
                String target = d.getKey();
                String condition = d.getValue().path("condition").asText("");
                if (!project.services().has(target)) {
                    problems.add(project.name() + ": " + s.getKey() + " depends on " + target + ", which is not defined");
                } else if (condition.equals("service_healthy") && !project.services().path(target).has("healthcheck")) {
                    problems.add(project.name() + ": " + s.getKey() + " waits for " + target + " to be healthy, but it has no healthcheck");
                } else if (!condition.equals("service_healthy") && !condition.equals("service_completed_successfully")) {
                    problems.add(project.name() + ": " + s.getKey() + " depends on " + target + " without service_healthy or service_completed_successfully");
                }
            });
        });
        return problems;
    }

    static List<String> healthchecks(ComposeProject project) {
        List<String> problems = new ArrayList<>();
        project.services().fields().forEachRemaining(s -> {
            JsonNode check = s.getValue().path("healthcheck");
            boolean usable = check.has("test") && !check.path("disable").asBoolean(false);
            if (!Services.isOneShot(project, s.getKey()) && !usable) {
                problems.add(project.name() + ": long-running service " + s.getKey() + " has no healthcheck");
            }
        });
        return problems;
    }

    /** Every image has a version tag (never latest); third-party ones (not java-cluster/<module>) are also overridable by a variable. */
    static List<String> pinnedImages(ComposeProject project) {
        List<String> problems = new ArrayList<>();
        project.services().fields().forEachRemaining(s -> {
            String image = s.getValue().path("image").asText("");
            String raw = project.rawService(s.getKey()).path("image").asText("");
            String tag = image.contains("@") ? "digest" : image.substring(image.lastIndexOf('/') + 1).replaceFirst("^[^:]*:?", "");
            if (image.isEmpty()) {
                problems.add(project.name() + ": " + s.getKey() + " names no image");
            } else if (tag.isEmpty() || tag.equals("latest")) {
                problems.add(project.name() + ": " + s.getKey() + " image " + image + " is not pinned to a version");
            } else if (Services.moduleOfImage(image).isEmpty() && !raw.startsWith("${")) {
                problems.add(project.name() + ": " + s.getKey() + " image " + raw + " cannot be overridden (write ${NAME_IMAGE:-" + raw + "})");
            }
        });
        return problems;
    }

    static List<String> publishedDatabasePorts(ComposeProject project) {
        List<String> problems = new ArrayList<>();
        if (MAY_PUBLISH_DATABASES.contains(project.name())) {
            return problems;
        }
        // Only the services this file defines: an overlay answers for its own services, not its base's.
        JsonNode own = project.rawFiles().get(project.rawFiles().size() - 1).path("services");
        own.fieldNames().forEachRemaining(name -> {
            JsonNode service = project.services().path(name);
            if (Services.engine(service).isPresent() && service.has("ports")) {
                problems.add(project.name() + ": database " + name + " publishes a port");
            }
        });
        return problems;
    }

    /** Published ports listen on the loopback only: a sample suite is never reachable from the network. */
    static List<String> loopbackOnly(ComposeProject project) {
        List<String> problems = new ArrayList<>();
        project.services().fields().forEachRemaining(s -> {
            for (JsonNode port : s.getValue().path("ports")) {
                String text = port.isObject() ? port.path("host_ip").asText("") + ":" : port.asText();
                if (!text.startsWith("127.0.0.1:")) {
                    problems.add(project.name() + ": " + s.getKey() + " publishes " + port + " beyond 127.0.0.1");
                }
            }
        });
        return problems;
    }

    /** JVM services (our images, or a JDK image running Maven) carry a memory limit. */
    static List<String> memoryLimits(ComposeProject project) {
        List<String> problems = new ArrayList<>();
        project.services().fields().forEachRemaining(s -> {
            JsonNode service = s.getValue();
            boolean jvm = Services.module(service).isPresent() || service.path("image").asText("").contains("temurin");
            boolean limited = service.has("mem_limit") || service.path("deploy").path("resources").path("limits").has("memory");
            if (jvm && !limited) {
                problems.add(project.name() + ": JVM service " + s.getKey() + " has no memory limit");
            }
        });
        return problems;
    }

    /** Data lives in named volumes declared at the top level, never in a host folder. */
    static List<String> namedVolumes(ComposeProject project) {
        List<String> problems = new ArrayList<>();
        project.services().fields().forEachRemaining(s -> {
            for (JsonNode volume : s.getValue().path("volumes")) {
                String source = volume.isObject() ? volume.path("source").asText("") : volume.asText().split(":")[0];
                boolean hostPath = source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
                if (!hostPath && !project.resolved().path("volumes").has(source)) {
                    problems.add(project.name() + ": " + s.getKey() + " mounts volume " + source + ", which is not declared");
                }
                if (hostPath && Services.engine(s.getValue()).isPresent()) {
                    problems.add(project.name() + ": database " + s.getKey() + " keeps data in host folder " + source);
                }
            }
        });
        return problems;
    }

    static List<String> variables(ComposeProject project) {
        return project.interpolationProblems();
    }
}
