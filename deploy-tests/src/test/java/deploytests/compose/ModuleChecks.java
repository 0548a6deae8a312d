package deploytests.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that the compose files agree with the modules and with docs/architecture.md. */
final class ModuleChecks {

    private static final Pattern DOCKERFILE_ARG = Pattern.compile("(?m)^ARG\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final String VERSION = "1.0.0";

    private ModuleChecks() {
    }

    /** A build context is the repository root and its dockerfile a deployable module's; the image is named after the module. */
    static List<String> builds(ComposeProject project, Repository repo) {
        List<String> problems = new ArrayList<>();
        project.services().fields().forEachRemaining(s -> {
            JsonNode build = s.getValue().path("build");
            if (build.isMissingNode()) {
                return;
            }
            String where = project.name() + ": " + s.getKey();
            Path context = project.dir().resolve(build.isTextual() ? build.asText() : build.path("context").asText(".")).normalize();
            String dockerfile = build.path("dockerfile").asText("Dockerfile");
            Path file = context.resolve(dockerfile);
            String module = Services.module(s.getValue()).orElse("");
            if (!context.equals(repo.root().normalize())) {
                problems.add(where + ": build context " + repo.relative(context) + " is not the repository root (the reactor needs the root POM)");
            } else if (!repo.isDeployable(module)) {
                problems.add(where + ": dockerfile " + dockerfile + " is not <module>/Dockerfile of a deployable module (a Maven module, or a root folder with its own Dockerfile)");
            } else if (!Files.isRegularFile(file)) {
                problems.add(where + ": " + dockerfile + " does not exist");
            } else {
                Set<String> declared = declaredArgs(file);
                build.path("args").fieldNames().forEachRemaining(arg -> {
                    if (!declared.contains(arg)) {
                        problems.add(where + ": build arg " + arg + " is not an ARG of " + dockerfile);
                    }
                });
            }
            String image = s.getValue().path("image").asText("");
            if (!module.isEmpty() && !image.equals("java-cluster/" + module + ":" + VERSION)) {
                problems.add(where + ": image " + image + " should be java-cluster/" + module + ":" + VERSION);
            }
        });
        return problems;
    }

    /** A service built from a module sets only environment variables the contract lists for that module. */
    static List<String> contractEnvironment(ComposeProject project, Repository repo) {
        List<String> problems = new ArrayList<>();
        project.services().fields().forEachRemaining(s -> Services.module(s.getValue()).ifPresent(module -> {
            Set<String> allowed = repo.contractEnv(module);
            for (String name : Services.environment(s.getValue()).keySet()) {
                boolean listed = allowed.contains(name)
                        || allowed.stream().anyMatch(a -> a.endsWith("*") && name.startsWith(a.substring(0, a.length() - 1)));
                if (!listed) {
                    problems.add(project.name() + ": " + s.getKey() + " sets " + name + ", which docs/architecture.md does not list for " + module);
                }
            }
        }));
        return problems;
    }

    private static Set<String> declaredArgs(Path dockerfile) {
        Matcher m = DOCKERFILE_ARG.matcher(Repository.read(dockerfile));
        Set<String> args = new HashSet<>();
        while (m.find()) {
            args.add(m.group(1));
        }
        return args;
    }
}
