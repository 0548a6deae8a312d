package deploytests.helm;

import deploytests.k8s.Manifests;
import deploytests.k8s.Manifests.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the equivalence of two renderings means, flattened to "object/field" -> value: the long-running workloads and
 * their containers (image, ports, env names, probes, security contexts, resources), Services, ConfigMap and Secret keys.
 */
final class ComparedFields {

    private static final Set<String> LONG_RUNNING = Set.of("Deployment", "StatefulSet");
    // kustomize's secretGenerator appends a content hash to the name.
    private static final String HASH_SUFFIX = "-[a-z0-9]{10}$";

    private ComparedFields() {
    }

    static SortedMap<String, String> of(Manifests manifests) {
        SortedMap<String, String> view = new TreeMap<>();
        List<Workload> workloads = manifests.workloads().stream().filter(w -> LONG_RUNNING.contains(w.kind())).toList();
        view.put("workloads", workloads.stream().map(Workload::id).sorted().toList().toString());
        for (Workload w : workloads) {
            view.put(w.id() + " replicas", String.valueOf(w.replicas()));
            view.put(w.id() + " podSecurityContext", String.valueOf(w.spec().getSecurityContext()));
            view.put(w.id() + " initContainers", names(w.spec().getInitContainers()));
            view.put(w.id() + " containers", names(w.spec().getContainers()));
            for (Container c : w.spec().getContainers()) {
                String id = w.id() + " container " + c.getName() + " ";
                view.put(id + "image", c.getImage());
                view.put(id + "ports", String.valueOf(c.getPorts()));
                view.put(id + "env", envNames(c.getEnv()));
                view.put(id + "startupProbe", String.valueOf(c.getStartupProbe()));
                view.put(id + "readinessProbe", String.valueOf(c.getReadinessProbe()));
                view.put(id + "livenessProbe", String.valueOf(c.getLivenessProbe()));
                view.put(id + "securityContext", String.valueOf(c.getSecurityContext()));
                view.put(id + "resources", String.valueOf(c.getResources()));
            }
        }
        for (Service s : manifests.ofType(Service.class)) {
            String ports = s.getSpec().getPorts().stream()
                    .map(p -> p.getName() + ":" + p.getPort() + "->" + p.getTargetPort().getStrVal()).toList().toString();
            view.put("Service/" + s.getMetadata().getName(), Objects.requireNonNullElse(s.getSpec().getType(), "ClusterIP") + " " + ports);
        }
        for (ConfigMap cm : manifests.ofType(ConfigMap.class)) {
            view.put("ConfigMap/" + cm.getMetadata().getName() + " keys", new TreeSet<>(keys(cm.getData())).toString());
        }
        for (Secret secret : manifests.ofType(Secret.class)) {
            Set<String> keys = new TreeSet<>(keys(secret.getData()));
            keys.addAll(keys(secret.getStringData()));
            view.put("Secret/" + secret.getMetadata().getName().replaceAll(HASH_SUFFIX, "") + " keys", keys.toString());
        }
        return view;
    }

    private static String names(List<Container> containers) {
        return containers == null ? "[]" : containers.stream().map(Container::getName).toList().toString();
    }

    private static String envNames(List<EnvVar> env) {
        return env == null ? "[]" : env.stream().map(EnvVar::getName).collect(Collectors.toCollection(TreeSet::new)).toString();
    }

    private static Set<String> keys(Map<String, String> map) {
        return map == null ? Set.of() : map.keySet();
    }
}
