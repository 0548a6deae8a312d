package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecks.nullSafe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What makes an autoscaler and a topology spread work: requests for the resource it measures, and selectors that pick the workload's own pods. */
public final class ScalingChecks {

    private ScalingChecks() {
    }

    /**
     * An autoscaler on a resource's utilization needs a request for that resource on every container of its target:
     * utilization is a share of the request, and without one the autoscaler reports the metric as missing and never scales.
     */
    public static List<String> utilizationTargetsRequestIt(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (HorizontalPodAutoscaler hpa : manifests.ofType(HorizontalPodAutoscaler.class)) {
            String id = "HorizontalPodAutoscaler/" + hpa.getMetadata().getName();
            var ref = hpa.getSpec().getScaleTargetRef();
            Optional<Manifests.Workload> target = manifests.workloads().stream()
                    .filter(w -> w.kind().equals(ref.getKind()) && w.name().equals(ref.getName())).findFirst();
            if (target.isEmpty()) {
                continue; // SelectorChecks.scalingTargetsExist reports it
            }
            if (hpa.getSpec().getMinReplicas() != null && hpa.getSpec().getMinReplicas() > hpa.getSpec().getMaxReplicas()) {
                problems.add(id + ": minReplicas " + hpa.getSpec().getMinReplicas() + " exceeds maxReplicas " + hpa.getSpec().getMaxReplicas());
            }
            for (MetricSpec metric : nullSafe(hpa.getSpec().getMetrics())) {
                if (metric.getResource() == null || !"Utilization".equals(metric.getResource().getTarget().getType())) {
                    continue;
                }
                String resource = metric.getResource().getName();
                for (Container c : target.get().spec().getContainers()) {
                    var requests = c.getResources() == null ? null : c.getResources().getRequests();
                    if (requests == null || !requests.containsKey(resource)) {
                        problems.add(id + ": scales on " + resource + " utilization, but " + target.get().id() + " container "
                                + c.getName() + " requests no " + resource);
                    }
                }
            }
        }
        return problems;
    }

    /** Every topology spread constraint counts the workload's own pods: its matchLabels select them. */
    public static List<String> spreadsCountOwnPods(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (Manifests.Workload w : manifests.workloads()) {
            for (TopologySpreadConstraint t : nullSafe(w.spec().getTopologySpreadConstraints())) {
                var selector = t.getLabelSelector();
                if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
                    problems.add(w.id() + ": spread over " + t.getTopologyKey() + " counts no pods (no matchLabels)");
                } else if (!w.matches(selector.getMatchLabels())) {
                    problems.add(w.id() + ": spread over " + t.getTopologyKey() + " selects " + selector.getMatchLabels() + ", not its own pods");
                }
            }
        }
        return problems;
    }
}
