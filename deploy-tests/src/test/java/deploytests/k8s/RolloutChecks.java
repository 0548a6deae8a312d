package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecks.nullSafe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Restarts that lose no request: surge rollouts, a stop that fits the grace period, and a budget for every Deployment. */
public final class RolloutChecks {

    /** What is left between the pod's stop and the kubelet's SIGKILL. */
    static final int MARGIN_SECONDS = 5;
    private static final Pattern SLEEP = Pattern.compile("\\bsleep (\\d+)");

    private RolloutChecks() {
    }

    /** Every Deployment rolls with maxUnavailable 0 and a surge, so a rollout never lowers the ready count. */
    public static List<String> rolloutsKeepCapacity(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (Deployment d : manifests.ofType(Deployment.class)) {
            String id = "Deployment/" + d.getMetadata().getName();
            var strategy = d.getSpec().getStrategy();
            RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
            if (strategy == null || !"RollingUpdate".equals(strategy.getType()) || rolling == null) {
                problems.add(id + ": no RollingUpdate strategy with maxUnavailable 0 and a surge");
            } else if (!isZero(rolling.getMaxUnavailable()) || rolling.getMaxSurge() == null || isZero(rolling.getMaxSurge())) {
                problems.add(id + ": maxUnavailable must be 0 and maxSurge above 0, not " + text(rolling.getMaxUnavailable())
                        + " and " + text(rolling.getMaxSurge()));
            }
        }
        return problems;
    }

    /** preStop's pause, then the image's own stop (seconds per image module), then a margin fit the grace period. */
    public static List<String> stopFitsGracePeriod(Manifests manifests, Modules modules, Map<String, Integer> ownStop) {
        List<String> problems = new ArrayList<>();
        for (Manifests.Workload w : manifests.workloads()) {
            if (!w.kind().equals("Deployment")) {
                continue;
            }
            long grace = Objects.requireNonNullElse(w.spec().getTerminationGracePeriodSeconds(), 30L);
            for (Container c : w.spec().getContainers()) {
                String module = modules.moduleOf(c.getImage());
                Integer stop = module == null ? null : ownStop.get(module);
                if (stop == null) {
                    continue;
                }
                int pause = preStopPause(c);
                if (pause == 0) {
                    problems.add(w.id() + " container " + c.getName() + ": no preStop sleep to cover endpoint propagation");
                }
                if (pause + stop + MARGIN_SECONDS > grace) {
                    problems.add(w.id() + " container " + c.getName() + ": preStop " + pause + " s + its own stop " + stop
                            + " s + " + MARGIN_SECONDS + " s margin exceed terminationGracePeriodSeconds " + grace);
                }
            }
        }
        return problems;
    }

    /** Every Deployment is covered by a PodDisruptionBudget, so a node drain keeps some of its pods. */
    public static List<String> everyDeploymentHasABudget(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        List<PodDisruptionBudget> budgets = manifests.ofType(PodDisruptionBudget.class);
        for (Manifests.Workload w : manifests.workloads()) {
            if (w.kind().equals("Deployment") && budgets.stream().noneMatch(b -> w.matches(b.getSpec().getSelector().getMatchLabels()))) {
                problems.add(w.id() + ": no PodDisruptionBudget");
            }
        }
        return problems;
    }

    private static int preStopPause(Container c) {
        if (c.getLifecycle() == null || c.getLifecycle().getPreStop() == null || c.getLifecycle().getPreStop().getExec() == null) {
            return 0;
        }
        Matcher m = SLEEP.matcher(String.join(" ", nullSafe(c.getLifecycle().getPreStop().getExec().getCommand())));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static boolean isZero(IntOrString value) {
        return value != null && (Integer.valueOf(0).equals(value.getIntVal()) || "0%".equals(value.getStrVal()) || "0".equals(value.getStrVal()));
    }

    private static String text(IntOrString value) {
        return value == null ? "unset" : value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
    }
}
