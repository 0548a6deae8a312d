package deploytests.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks of the observability profile against compose.yaml and the modules; each returns the problems it found. */
final class ObservabilityChecks {

    static final String PROFILE = "observability";
    static final String OTLP_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static final Pattern HOST_PORT = Pattern.compile("^(?:[a-z]+://)?([a-z][a-z0-9-]*):(\\d+)(?:/.*)?$");
    private static final Pattern JOB_MATCHER = Pattern.compile("\\bjob\\s*(=~|=)\\s*\"([^\"]*)\"");

    private ObservabilityChecks() {
    }

    /** Each job is a compose service, scraped on the port it listens on, at the path its module serves metrics. */
    static List<String> scrapeTargets(Suite suite) {
        List<String> problems = new ArrayList<>();
        for (JsonNode job : suite.prometheus().path("scrape_configs")) {
            String name = job.path("job_name").asText();
            String where = "prometheus.yml job " + name;
            if (suite.service(name).isMissingNode()) {
                problems.add(where + ": no compose service is named " + name);
                continue;
            }
            Optional<Integer> port = suite.listeningPort(name);
            for (JsonNode config : job.path("static_configs")) {
                for (JsonNode target : config.path("targets")) {
                    Matcher m = HOST_PORT.matcher(target.asText());
                    if (!m.matches() || !m.group(1).equals(name)) {
                        problems.add(where + ": target " + target.asText() + " is not " + name + ":<port>");
                    } else {
                        checkPort(where, Integer.parseInt(m.group(2)), port, problems);
                    }
                }
            }
            for (JsonNode config : job.path("dns_sd_configs")) {
                if (!config.path("names").toString().equals("[\"" + name + "\"]") || !config.path("type").asText().equals("A")) {
                    problems.add(where + ": dns_sd_configs must look up the A records of " + name + " only");
                }
                checkPort(where, config.path("port").asInt(-1), port, problems);
            }
            if (!job.has("static_configs") && !job.has("dns_sd_configs")) {
                problems.add(where + ": neither static_configs nor dns_sd_configs");
            }
            String path = job.path("metrics_path").asText("/metrics");
            Optional<String> served = suite.module(name).flatMap(suite::metricsPath);
            if (served.isEmpty()) {
                problems.add(where + ": " + name + " serves no Prometheus metrics (micronaut.metrics.export.prometheus)");
            } else if (!served.get().equals(path)) {
                problems.add(where + ": metrics_path " + path + ", but " + name + " serves them at " + served.get());
            }
        }
        return problems;
    }

    /** Every compose service whose module serves metrics has a scrape job, but a one-off job with no network at all. */
    static List<String> everyServiceScraped(Suite suite) {
        Set<String> jobs = jobs(suite);
        List<String> problems = new ArrayList<>();
        JsonNode services = suite.compose().path("services");
        Suite.names(services).forEach(service -> {
            boolean unreachable = services.path(service).path("network_mode").asText().equals("none");
            if (!unreachable && suite.module(service).flatMap(suite::metricsPath).isPresent() && !jobs.contains(service)) {
                problems.add("prometheus.yml: no job scrapes " + service);
            }
        });
        return problems;
    }

    /** Grafana's datasources point at services of the profile, on a container port they publish. */
    static List<String> datasources(Suite suite) {
        List<String> problems = new ArrayList<>();
        Set<String> profile = new HashSet<>(suite.profile(PROFILE).toList());
        for (JsonNode source : suite.datasources().path("datasources")) {
            String where = "datasource " + source.path("name").asText();
            if (source.path("uid").asText().isEmpty()) {
                problems.add(where + ": no uid for dashboards to refer to");
            }
            Matcher m = HOST_PORT.matcher(source.path("url").asText());
            if (!m.matches() || !profile.contains(m.group(1))) {
                problems.add(where + ": url " + source.path("url").asText() + " is not a service of the " + PROFILE + " profile");
            } else if (!containerPorts(suite.service(m.group(1))).contains(m.group(2))) {
                problems.add(where + ": " + m.group(1) + " does not publish container port " + m.group(2));
            }
        }
        return problems;
    }

    /** The provider reads the folder compose mounts the dashboards into, and the home dashboard is one of them. */
    static List<String> dashboardMounts(Suite suite) {
        List<String> problems = new ArrayList<>();
        JsonNode grafana = suite.service("grafana");
        String mounted = null;
        for (JsonNode volume : grafana.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].startsWith("./") && !Files.exists(suite.root().resolve("compose").resolve(parts[0]).normalize())) {
                problems.add("grafana mounts " + parts[0] + ", which does not exist");
            }
            if (parts[0].equals("./" + Suite.DASHBOARDS.substring("compose/".length()))) {
                mounted = parts[1];
            }
        }
        for (JsonNode provider : suite.providers().path("providers")) {
            String path = provider.path("options").path("path").asText();
            if (!path.equals(mounted)) {
                problems.add("dashboard provider " + provider.path("name").asText() + " reads " + path + ", but compose mounts "
                        + Suite.DASHBOARDS + " at " + mounted);
            }
        }
        String home = grafana.path("environment").path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText("");
        if (!home.isEmpty() && (mounted == null || !suite.dashboards().containsKey(home.replaceFirst("^" + mounted + "/", "")))) {
            problems.add("the home dashboard " + home + " is not a file of " + Suite.DASHBOARDS);
        }
        return problems;
    }

    /** Dashboards have a uid and unique panel ids, query provisioned datasources, and filter on real scrape jobs. */
    static List<String> dashboards(Suite suite) {
        List<String> problems = new ArrayList<>();
        Set<String> uids = new HashSet<>(suite.datasources().path("datasources").findValuesAsText("uid"));
        Set<String> jobs = jobs(suite);
        suite.dashboards().forEach((file, dashboard) -> {
            if (dashboard.path("uid").asText().isEmpty() || dashboard.path("title").asText().isEmpty()) {
                problems.add(file + ": no uid or title");
            }
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.findParents("gridPos")) {
                String where = file + " panel \"" + panel.path("title").asText() + "\"";
                if (!ids.add(panel.path("id").asInt(-1))) {
                    problems.add(where + ": id " + panel.path("id") + " is missing or used twice");
                }
                for (JsonNode datasource : panel.findValues("datasource")) {
                    if (!uids.contains(datasource.path("uid").asText())) {
                        problems.add(where + ": datasource " + datasource + " is not provisioned");
                    }
                }
                for (JsonNode target : panel.path("targets")) {
                    if (target.path("expr").asText().isBlank()) {
                        problems.add(where + ": target " + target.path("refId").asText() + " has no query");
                    }
                    Matcher m = JOB_MATCHER.matcher(target.path("expr").asText());
                    while (m.find()) {
                        for (String job : m.group(1).equals("=~") ? m.group(2).split("\\|") : new String[] {m.group(2)}) {
                            if (!jobs.contains(job)) {
                                problems.add(where + ": job \"" + job + "\" is not a scrape job");
                            }
                        }
                    }
                }
            }
        });
        return problems;
    }

    /**
     * Every scraped service takes the OTLP endpoint from the environment, empty (off) by default, and the observability
     * profile's documented value names its trace backend.
     */
    static List<String> traceExport(Suite suite, String envExample, String documentedValue) {
        List<String> problems = new ArrayList<>();
        String fromEnvironment = "${" + OTLP_VARIABLE + ":-}";
        for (String job : jobs(suite)) {
            if (!suite.service(job).path("environment").path(OTLP_VARIABLE).asText().equals(fromEnvironment)) {
                problems.add(job + " does not set " + OTLP_VARIABLE + ": " + fromEnvironment + " (off unless given)");
            }
        }
        if (!envExample.lines().anyMatch(l -> l.strip().equals(OTLP_VARIABLE + "="))) {
            problems.add(".env.example does not leave " + OTLP_VARIABLE + " empty (off)");
        }
        if (!envExample.contains(documentedValue)) {
            problems.add(".env.example does not document " + documentedValue);
        }
        Matcher m = HOST_PORT.matcher(documentedValue);
        if (!m.matches() || !suite.profile(PROFILE).toList().contains(m.group(1))) {
            problems.add(documentedValue + " is not a service of the " + PROFILE + " profile");
        }
        return problems;
    }

    static Set<String> jobs(Suite suite) {
        return new HashSet<>(suite.prometheus().path("scrape_configs").findValuesAsText("job_name"));
    }

    private static void checkPort(String where, int port, Optional<Integer> listening, List<String> problems) {
        if (listening.isEmpty()) {
            problems.add(where + ": the service's port is unknown");
        } else if (port != listening.get()) {
            problems.add(where + ": port " + port + ", but the service listens on " + listening.get());
        }
    }

    private static Set<String> containerPorts(JsonNode service) {
        Set<String> ports = new HashSet<>();
        for (JsonNode port : service.path("ports")) {
            String text = port.asText();
            ports.add(text.substring(text.lastIndexOf(':') + 1).replaceFirst("/.*", ""));
        }
        return ports;
    }
}
