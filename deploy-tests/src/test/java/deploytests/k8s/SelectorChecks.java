package deploytests.k8s;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Selectors stay on the one stable label, and autoscalers and disruption budgets point at real workloads. */
public final class SelectorChecks {

    public static final String NAME_LABEL = "app.kubernetes.io/name";
    /** Tells apart two Deployments of one service running side by side (blue-green, k8s/05-rolling-and-blue-green). */
    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

    private SelectorChecks() {
    }

    /** Workload, Service and PodDisruptionBudget selectors use app.kubernetes.io/name, and at most app.kubernetes.io/instance beside it. */
    public static List<String> selectorsUseNameOnly(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        manifests.ofType(Deployment.class).forEach(d -> nameOnly("Deployment/" + d.getMetadata().getName(), d.getSpec().getSelector().getMatchLabels(), problems));
        manifests.ofType(StatefulSet.class).forEach(s -> nameOnly("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getSelector().getMatchLabels(), problems));
        manifests.ofType(Service.class).forEach(s -> nameOnly("Service/" + s.getMetadata().getName(), s.getSpec().getSelector(), problems));
        manifests.ofType(PodDisruptionBudget.class).forEach(p -> nameOnly("PodDisruptionBudget/" + p.getMetadata().getName(), p.getSpec().getSelector().getMatchLabels(), problems));
        return problems;
    }

    private static void nameOnly(String id, Map<String, String> selector, List<String> problems) {
        if (selector != null && !selector.keySet().equals(Set.of(NAME_LABEL)) && !selector.keySet().equals(Set.of(NAME_LABEL, INSTANCE_LABEL))) {
            problems.add(id + " selects on " + selector.keySet() + "; select on " + NAME_LABEL + " only, or with " + INSTANCE_LABEL);
        }
    }

    /** Every autoscaler scales an existing Deployment or StatefulSet; every disruption budget covers existing pods. */
    public static List<String> scalingTargetsExist(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (HorizontalPodAutoscaler hpa : manifests.ofType(HorizontalPodAutoscaler.class)) {
            var ref = hpa.getSpec().getScaleTargetRef();
            boolean exists = manifests.workloads().stream().anyMatch(w -> w.kind().equals(ref.getKind()) && w.name().equals(ref.getName()));
            if (!exists) {
                problems.add("HorizontalPodAutoscaler/" + hpa.getMetadata().getName() + " scales missing " + ref.getKind() + "/" + ref.getName());
            }
        }
        for (PodDisruptionBudget pdb : manifests.ofType(PodDisruptionBudget.class)) {
            if (ConsistencyChecks.selectedBy(manifests, pdb.getSpec().getSelector().getMatchLabels()).isEmpty()) {
                problems.add("PodDisruptionBudget/" + pdb.getMetadata().getName() + " covers no pods");
            }
        }
        return problems;
    }
}
