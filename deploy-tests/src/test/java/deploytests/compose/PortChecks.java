package deploytests.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ports agree with the modules and docs/architecture.md: published, probed, and named in addresses. */
final class PortChecks {

    /** Steps that run the gateway without the whole suite: its routes to the absent services answer 502 by design. */
    static final Set<String> GATEWAY_WITHOUT_THE_SUITE = Set.of("compose/08-scaling/compose.yaml");

    private static final Pattern ADDRESS = Pattern.compile("^(?:[a-z]+://)?([a-z][a-z0-9-]*):(\\d+)(?:/.*)?$");
    // $PORT, $$PORT (compose's escape) or ${PORT} after a : or /, as in /dev/tcp/127.0.0.1/$PORT or 127.0.0.1:${PORT}.
    private static final Pattern PORT_VARIABLE = Pattern.compile("[:/]\\$\\$?(?:PORT\\b|\\{PORT})");

    private PortChecks() {
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
            Optional<String> module = Services.module(s.getValue());
            String test = s.getValue().path("healthcheck").path("test").toString();
            String rawTest = project.rawService(s.getKey()).path("healthcheck").path("test").toString();
            // The service listens on PORT by construction, so probing $PORT probes the listening port.
            boolean probesVariable = PORT_VARIABLE.matcher(test).find() || PORT_VARIABLE.matcher(rawTest).find();
            boolean checksPort = test.contains(":" + port) || test.contains("/" + port) || probesVariable;
            if (module.isPresent() && !test.isEmpty() && !checksPort) {
                problems.add(where + ": healthcheck does not probe port " + port);
            }
            boolean portSet = Services.environment(s.getValue()).containsKey("PORT") || module.filter(m -> repo.dockerfileSetsEnv(m, "PORT")).isPresent();
            if (module.isPresent() && probesVariable && !portSet) {
                problems.add(where + ": healthcheck probes $PORT, but neither its environment nor " + module.get() + "/Dockerfile sets PORT");
            }
        });
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
                    String host = address.group(1);
                    int port = Integer.parseInt(address.group(2));
                    if (absentByDesign(project, s.getKey(), name, host)) {
                        // Absent here, but it must still be the suite's name and port for that service.
                        repo.contractPort(host).filter(p -> p != port).ifPresent(p -> problems.add(where + " " + name + ": "
                                + host + " listens on " + p + " (docs/architecture.md), not " + port));
                    } else {
                        check(project, repo, where + " " + name, host, port, problems);
                    }
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

    private static boolean absentByDesign(ComposeProject project, String service, String variable, String host) {
        return GATEWAY_WITHOUT_THE_SUITE.contains(project.name()) && service.equals("gateway") && variable.endsWith("_UPSTREAM")
                && project.services().path(host).isMissingNode();
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
}
