package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecks.nullSafe;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ingresses for the ingress-nginx controller: every path reaches a real Service port, regex paths are declared as
 * such, and {@link #route} answers where a request goes and with which path, as the controller's nginx would.
 */
public final class IngressRoutes {

    static final String CLASS = "nginx";
    static final String USE_REGEX = "nginx.ingress.kubernetes.io/use-regex";
    static final String REWRITE_TARGET = "nginx.ingress.kubernetes.io/rewrite-target";
    private static final Pattern REGEX_CHARS = Pattern.compile("[\\^$()\\[\\]{}*+?|\\\\]");
    private static final Pattern GROUP_REFERENCE = Pattern.compile("\\$(\\d)");

    private IngressRoutes() {
    }

    /** Where one request goes: the Service, its port as the Ingress names it, and the path the pod sees. */
    public record Route(String service, String port, String path) {
    }

    /** Every Ingress is of class nginx, and each of its paths names a Service of the rendering and one of its ports. */
    public static List<String> backendsExist(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (Ingress ingress : manifests.ofType(Ingress.class)) {
            String id = "Ingress/" + ingress.getMetadata().getName();
            if (!CLASS.equals(ingress.getSpec().getIngressClassName())) {
                problems.add(id + ": ingressClassName must be " + CLASS + ", not " + ingress.getSpec().getIngressClassName());
            }
            for (HTTPIngressPath path : paths(ingress)) {
                IngressServiceBackend backend = path.getBackend().getService();
                if (backend == null) {
                    problems.add(id + " path " + path.getPath() + ": has no Service backend");
                    continue;
                }
                Optional<Service> service = manifests.find(Service.class, backend.getName());
                var wanted = backend.getPort();
                if (service.isEmpty()) {
                    problems.add(id + " path " + path.getPath() + ": no Service/" + backend.getName());
                } else if (service.get().getSpec().getPorts().stream().noneMatch(p -> wanted.getName() != null
                        ? wanted.getName().equals(p.getName()) : Objects.equals(wanted.getNumber(), p.getPort()))) {
                    problems.add(id + " path " + path.getPath() + ": Service/" + backend.getName() + " has no port " + portOf(backend));
                }
            }
        }
        return problems;
    }

    /**
     * Regex paths are ImplementationSpecific (ingress-nginx accepts only plain paths as Prefix or Exact)
     * on an Ingress that turns regexes on; a rewrite target refers only to groups every path captures.
     */
    public static List<String> regexesAreDeclared(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (Ingress ingress : manifests.ofType(Ingress.class)) {
            String id = "Ingress/" + ingress.getMetadata().getName();
            String rewrite = annotation(ingress, REWRITE_TARGET);
            boolean regex = "true".equals(annotation(ingress, USE_REGEX)) || rewrite != null;
            int highest = 0;
            if (rewrite != null) {
                Matcher ref = GROUP_REFERENCE.matcher(rewrite);
                while (ref.find()) {
                    highest = Math.max(highest, Integer.parseInt(ref.group(1)));
                }
            }
            for (HTTPIngressPath path : paths(ingress)) {
                String where = id + " path " + path.getPath();
                boolean plain = !REGEX_CHARS.matcher(path.getPath()).find();
                if (!plain && !"ImplementationSpecific".equals(path.getPathType())) {
                    problems.add(where + ": a regex path must be pathType ImplementationSpecific, not " + path.getPathType());
                }
                if (!plain && !regex) {
                    problems.add(where + ": a regex path needs " + USE_REGEX + ": \"true\" or a " + REWRITE_TARGET);
                }
                int groups;
                try {
                    groups = Pattern.compile(path.getPath()).matcher("").groupCount();
                } catch (PatternSyntaxException e) {
                    problems.add(where + ": not a regex: " + e.getDescription());
                    continue;
                }
                if (highest > groups) {
                    problems.add(where + ": " + REWRITE_TARGET + " " + rewrite + " refers to group $" + highest + ", the path captures " + groups);
                }
            }
        }
        return problems;
    }

    /**
     * Where ingress-nginx sends a request for {@code uri}, for Ingresses that use regexes: each path is a
     * case-insensitive location anchored at the start, the longest path first, and a rewrite target replaces the whole
     * URI with its $n groups filled in.
     */
    public static Optional<Route> route(Manifests manifests, String uri) {
        record Candidate(Ingress ingress, HTTPIngressPath path) {
        }
        List<Candidate> candidates = new ArrayList<>();
        manifests.ofType(Ingress.class).forEach(i -> paths(i).forEach(p -> candidates.add(new Candidate(i, p))));
        candidates.sort(Comparator.comparingInt((Candidate c) -> c.path().getPath().length()).reversed());
        for (Candidate c : candidates) {
            Matcher m = Pattern.compile("^" + c.path().getPath(), Pattern.CASE_INSENSITIVE).matcher(uri);
            if (!m.lookingAt()) {
                continue;
            }
            String rewrite = annotation(c.ingress(), REWRITE_TARGET);
            String path = uri;
            if (rewrite != null) {
                Matcher ref = GROUP_REFERENCE.matcher(rewrite);
                StringBuilder out = new StringBuilder();
                while (ref.find()) {
                    int group = Integer.parseInt(ref.group(1));
                    String value = group <= m.groupCount() ? Objects.requireNonNullElse(m.group(group), "") : "";
                    ref.appendReplacement(out, Matcher.quoteReplacement(value));
                }
                ref.appendTail(out);
                path = out.toString();
            }
            IngressServiceBackend backend = c.path().getBackend().getService();
            return Optional.of(new Route(backend.getName(), portOf(backend), path));
        }
        return Optional.empty();
    }

    private static List<HTTPIngressPath> paths(Ingress ingress) {
        List<HTTPIngressPath> paths = new ArrayList<>();
        for (IngressRule rule : nullSafe(ingress.getSpec().getRules())) {
            if (rule.getHttp() != null) {
                paths.addAll(nullSafe(rule.getHttp().getPaths()));
            }
        }
        return paths;
    }

    private static String annotation(Ingress ingress, String name) {
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(name);
    }

    private static String portOf(IngressServiceBackend backend) {
        var port = backend.getPort();
        return port.getName() != null ? port.getName() : String.valueOf(port.getNumber());
    }
}
