package deploytests.k8s;

import deploytests.k8s.Manifests.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Cross-object checks: each returns its violations, each naming the object at fault; an empty list passes. */
public final class ConsistencyChecks {

    private ConsistencyChecks() {
    }

    /** Every Service with a selector selects the pods of exactly one workload. */
    public static List<String> servicesSelectOneWorkload(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (Service service : manifests.ofType(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                continue;
            }
            List<String> selected = selectedBy(manifests, selector).stream().map(Workload::id).toList();
            if (selected.size() != 1) {
                problems.add("Service/" + name(service) + " selects " + selected.size() + " workloads " + selected);
            }
        }
        return problems;
    }

    /** Every Service targetPort is the name of a port of the containers it selects. */
    public static List<String> targetPortsNameContainerPorts(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (Service service : manifests.ofType(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                continue;
            }
            Set<String> names = new HashSet<>();
            selectedBy(manifests, selector).forEach(w -> w.spec().getContainers().forEach(c -> ports(c.getPorts()).forEach(names::add)));
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort();
                if (target == null || target.getStrVal() == null) {
                    problems.add("Service/" + name(service) + " port " + port.getPort() + ": targetPort must name a container port");
                } else if (!names.contains(target.getStrVal())) {
                    problems.add("Service/" + name(service) + ": targetPort " + target.getStrVal() + " is not a container port of the selected pods " + names);
                }
            }
        }
        return problems;
    }

    /** Every NetworkPolicy selects existing pods, and so does every same-namespace pod peer in its rules. */
    public static List<String> networkPoliciesSelectPods(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (NetworkPolicy policy : manifests.ofType(NetworkPolicy.class)) {
            String id = "NetworkPolicy/" + name(policy);
            checkSelector(manifests, id + " podSelector", policy.getSpec().getPodSelector(), problems);
            Stream<NetworkPolicyPeer> peers = Stream.concat(
                    nullSafe(policy.getSpec().getIngress()).stream().flatMap(rule -> nullSafe(rule.getFrom()).stream()),
                    nullSafe(policy.getSpec().getEgress()).stream().flatMap(rule -> nullSafe(rule.getTo()).stream()));
            peers.filter(peer -> peer.getNamespaceSelector() == null && peer.getPodSelector() != null)
                    .forEach(peer -> checkSelector(manifests, id + " peer", peer.getPodSelector(), problems));
        }
        return problems;
    }

    private static void checkSelector(Manifests manifests, String id, LabelSelector selector, List<String> problems) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            problems.add(id + ": use matchLabels so the selection can be checked");
            return;
        }
        Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        if (selectedBy(manifests, labels).isEmpty()) {
            problems.add(id + " " + labels + " selects no pods");
        }
    }

    /** Every ConfigMap and Secret a pod refers to exists with the keys it needs; {@code external} lists Secrets created outside the rendering, by name with their keys. */
    public static List<String> referencesExist(Manifests manifests, Map<String, Set<String>> external) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            for (References.Ref ref : References.of(workload.spec())) {
                Set<String> keys = ref.secret() ? secretKeys(manifests, ref.name(), external) : configMapKeys(manifests, ref.name());
                String what = (ref.secret() ? "Secret/" : "ConfigMap/") + ref.name();
                if (keys == null) {
                    problems.add(workload.id() + " refers to missing " + what);
                } else if (ref.key() != null && !keys.contains(ref.key())) {
                    problems.add(workload.id() + " refers to missing key " + ref.key() + " of " + what + " " + keys);
                }
            }
        }
        return problems;
    }

    private static Set<String> configMapKeys(Manifests manifests, String name) {
        return manifests.find(ConfigMap.class, name)
                .map(cm -> union(cm.getData(), cm.getBinaryData()))
                .orElse(null);
    }

    private static Set<String> secretKeys(Manifests manifests, String name, Map<String, Set<String>> external) {
        return manifests.find(Secret.class, name)
                .map(secret -> union(secret.getData(), secret.getStringData()))
                .orElse(external.get(name));
    }

    private static Set<String> union(Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new HashSet<>();
        if (a != null) {
            keys.addAll(a.keySet());
        }
        if (b != null) {
            keys.addAll(b.keySet());
        }
        return keys;
    }

    static List<Workload> selectedBy(Manifests manifests, Map<String, String> selector) {
        return manifests.workloads().stream().filter(w -> w.matches(selector)).toList();
    }

    static Stream<String> ports(List<ContainerPort> ports) {
        return nullSafe(ports).stream().map(ContainerPort::getName).filter(n -> n != null);
    }

    static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String name(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return o.getMetadata().getName();
    }
}
