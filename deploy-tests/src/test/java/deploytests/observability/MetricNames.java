package deploytests.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus metric names: those a PromQL query reads, those a Grafana dashboard queries, those a scrape exposes. */
final class MetricNames {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern LABEL_LIST = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    // An identifier that is not part of a number or variable and not followed by "(" (a function call).
    private static final Pattern NAME = Pattern.compile("(?<![\\w$.:])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    private MetricNames() {
    }

    static Set<String> inQuery(String promql) {
        String bare = STRING.matcher(promql).replaceAll("\"\"").replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        bare = LABEL_LIST.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Every query of every panel, including panels nested in collapsed rows. */
    static Set<String> inDashboard(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(target -> names.addAll(inQuery(target.path("expr").asText())));
            names.addAll(inDashboard(panel));
        }
        return names;
    }

    /** Sample names of the Prometheus text format: the token before the labels or the value. */
    static Set<String> exposed(String metrics) {
        Set<String> names = new TreeSet<>();
        metrics.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }
}
