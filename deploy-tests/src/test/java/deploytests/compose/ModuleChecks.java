package deploytests.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that the compose files agree with the modules and with docs/architecture.md. */
final class ModuleChecks {

    private static final Pattern DOCKERFILE_ARG = Pattern.compile("(?m)^ARG\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern ADDRESS = Pattern.compile("^(?:[a-z]+://)?([a-z][a-z0-9-]*):(\\d+)(?:/.*)?$");
    private static final String VERSION = "1.0.0";
    // Telemetry settings every Micronaut service reads; docs/architecture.md lists each service's own settings only.

    private ModuleChecks() {
    }

    /** A build context is the repository root and its dockerfile is a module's; the image is named after the module. */
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
            } else if (!repo.isModule(module)) {
                problems.add(where + ": dockerfile " + dockerfile + " is not <module>/Dockerfile of a Maven module");
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

    /** Published container ports and the healthcheck use the port the service really listens on. */
    static List<String> ports(ComposeProject project, Repository repo) {
        List<String> problems = new ArrayList<>();
        project.services().fields().forEachRemaining(s -> {
            String where = project.name() + ": " + s.getKey();
            Optional<Integer> listening = Services.listeningPort(repo, s.getValue());
            if (listening.isEmpty()) {
                return;
            }
            int port = listening.get();
            repo.contractPort(s.getKey()).filter(p -> p != port)
                    .ifPresent(p -> problems.add(where + ": listens on " + port + ", but docs/architecture.md gives it " + p));
            for (JsonNode published : s.getValue().path("ports")) {
                String text = published.isObject() ? published.path("target").asText() : published.asText();
                String target = text.substring(text.lastIndexOf(':') + 1).replaceFirst("/.*", "");
                if (!target.equals(String.valueOf(port))) {
                    problems.add(where + ": publishes container port " + target + ", but the service listens on " + port);
                }
            }
            String test = s.getValue().path("healthcheck").path("test").toString();
            boolean checksPort = test.contains(":" + port) || test.contains("/" + port);
            if (Services.module(s.getValue()).isPresent() && !test.isEmpty() && !checksPort) {
                problems.add(where + ": healthcheck does not probe port " + port);
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

    /** host:port addresses in the environment name a service of the project and the port it listens on. */
    static List<String> addresses(ComposeProject project, Repository repo) {
        List<String> problems = new ArrayList<>();
        project.services().fields().forEachRemaining(s -> {
            Map<String, String> env = Services.environment(s.getValue());
            String where = project.name() + ": " + s.getKey();
            env.forEach((name, value) -> {
                Matcher address = ADDRESS.matcher(value == null ? "" : value);
                if (address.matches()) {
                    check(project, repo, where + " " + name, address.group(1), Integer.parseInt(address.group(2)), problems);
                }
            });
            String host = env.get("DATABASE_HOST");
            if (host != null) {
                String port = env.getOrDefault("DATABASE_PORT", "");
                check(project, repo, where + " DATABASE_HOST", host, port.matches("\\d+") ? Integer.parseInt(port) : -1, problems);
            }
        });
        return problems;
    }

    private static void check(ComposeProject project, Repository repo, String where, String host, int port, List<String> problems) {
        JsonNode target = project.services().path(host);
        if (target.isMissingNode()) {
            problems.add(where + ": " + host + " is not a service of this project");
            return;
        }
        Services.listeningPort(repo, target).filter(p -> p != port)
                .ifPresent(p -> problems.add(where + ": " + host + " listens on " + p + ", not " + port));
    }

    private static Set<String> declaredArgs(Path dockerfile) {
        Matcher m = DOCKERFILE_ARG.matcher(Repository.read(dockerfile));
        Set<String> args = new java.util.HashSet<>();
        while (m.find()) {
            args.add(m.group(1));
        }
        return args;
    }
}
