package deploytests.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Every container runs as the Kubernetes pods do: no capabilities, no privilege escalation, not root, read-only root. */
final class HardeningCheck {

    private HardeningCheck() {
    }

    static List<String> problems(ComposeProject project) {
        List<String> problems = new ArrayList<>();
        project.services().fields().forEachRemaining(s -> {
            String where = project.name() + ": " + s.getKey();
            JsonNode service = s.getValue();
            if (!contains(service.path("cap_drop"), "ALL")) {
                problems.add(where + " does not drop ALL capabilities (cap_drop: [ALL])");
            }
            boolean noNewPrivileges = false;
            for (JsonNode option : service.path("security_opt")) {
                noNewPrivileges |= option.asText().matches("no-new-privileges(?:[:=]true)?");
            }
            if (!noNewPrivileges) {
                problems.add(where + " may gain privileges (security_opt: [\"no-new-privileges:true\"])");
            }
            String user = service.path("user").asText("");
            String name = user.split(":", 2)[0];
            if (user.isBlank()) {
                problems.add(where + " sets no user, so it runs as whatever its image says");
            } else if (name.equals("0") || name.equals("root")) {
                problems.add(where + " runs as root (user: " + user + ")");
            }
            // The observability images are not run in this suite's CI, so compose.yaml leaves them writable on purpose.
            boolean exempt = Services.profiles(service).contains(Services.OBSERVABILITY);
            if (!exempt && !service.path("read_only").asText("").equals("true")) {
                problems.add(where + " has a writable root filesystem (read_only: true)");
            }
        });
        return problems;
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (item.asText().equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }
}
