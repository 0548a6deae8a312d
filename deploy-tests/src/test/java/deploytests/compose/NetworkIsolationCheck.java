package deploytests.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * compose.yaml's networks: a database or Redis shares a network only with the services configured to use it, never
 * with the gateway, and only on internal networks. db.yaml publishes its databases to the host on purpose, so this
 * is compose.yaml's check alone.
 */
final class NetworkIsolationCheck {

    private static final Pattern REDIS_HOST = Pattern.compile("^rediss?://(?:[^@/]*@)?([^:/?]+)");

    private NetworkIsolationCheck() {
    }

    static List<String> problems(ComposeProject project) {
        List<String> problems = new ArrayList<>();
        Set<String> dataNetworks = new TreeSet<>();
        project.services().fields().forEachRemaining(data -> Services.engine(data.getValue()).ifPresent(engine -> {
            String name = data.getKey();
            List<String> networks = Services.networks(data.getValue());
            dataNetworks.addAll(networks);
            project.services().fields().forEachRemaining(other -> {
                if (other.getKey().equals(name)) {
                    return;
                }
                String where = project.name() + ": " + other.getKey();
                List<String> shared = Services.networks(other.getValue()).stream().filter(networks::contains).toList();
                boolean uses = uses(other.getValue(), name, engine);
                if (shared.isEmpty() && uses) {
                    problems.add(where + " is configured to use " + name + " but shares no network with it");
                } else if (!shared.isEmpty() && isGateway(other.getKey(), other.getValue())) {
                    problems.add(where + " (the gateway) shares network " + String.join(", ", shared) + " with " + name);
                } else if (!shared.isEmpty() && !uses) {
                    problems.add(where + " shares network " + String.join(", ", shared) + " with " + name
                            + ", but its environment does not name it (" + (engine.equals("redis") ? "REDIS_URI" : "DATABASE_HOST") + ")");
                }
            });
        }));
        for (String network : dataNetworks) {
            if (!project.resolved().path("networks").path(network).path("internal").asBoolean(false)) {
                problems.add(project.name() + ": data network " + network + " is not internal: true");
            }
        }
        return problems;
    }

    private static boolean uses(JsonNode client, String name, String engine) {
        Map<String, String> env = Services.environment(client);
        if (engine.equals("redis")) {
            Matcher uri = REDIS_HOST.matcher(Objects.toString(env.get("REDIS_URI"), ""));
            return uri.find() && uri.group(1).equals(name);
        }
        return name.equals(env.get("DATABASE_HOST"));
    }

    private static boolean isGateway(String name, JsonNode service) {
        return name.equals("gateway") || Services.module(service).filter("gateway"::equals).isPresent();
    }
}
