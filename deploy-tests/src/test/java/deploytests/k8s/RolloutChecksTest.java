package deploytests.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolloutChecksTest {

    private static final Modules MODULES = new Modules(Set.of("users-api"), Set.of("users-api"));
    private static final Map<String, Integer> STOP = Map.of("users-api", 20);
    private static final Manifests GOOD = Fixtures.rollout();

    @Test
    void acceptsASurgeRolloutWhoseStopFitsItsGracePeriod() {
        assertEquals(List.of(), RolloutChecks.rolloutsKeepCapacity(GOOD));
        assertEquals(List.of(), RolloutChecks.stopFitsGracePeriod(GOOD, MODULES, STOP));
        assertEquals(List.of(), RolloutChecks.everyDeploymentHasABudget(GOOD));
    }

    @Test
    void rejectsARolloutThatMayTakeAPodAwayFirst() {
        Manifests broken = Fixtures.brokenRollout("maxUnavailable: 0", "maxUnavailable: 25%");
        assertEquals(List.of("Deployment/users-api: maxUnavailable must be 0 and maxSurge above 0, not 25% and 1"),
                RolloutChecks.rolloutsKeepCapacity(broken));
    }

    @Test
    void rejectsTheDefaultStrategy() {
        Manifests broken = Fixtures.brokenRollout("  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n", "");
        assertEquals(List.of("Deployment/users-api: no RollingUpdate strategy with maxUnavailable 0 and a surge"),
                RolloutChecks.rolloutsKeepCapacity(broken));
    }

    @Test
    void rejectsAStopWithNoMarginBeforeTheKill() {
        Manifests broken = Fixtures.brokenRollout("terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: 25");
        assertEquals(List.of("Deployment/users-api container app: preStop 5 s + its own stop 20 s + 5 s margin exceed terminationGracePeriodSeconds 25"),
                RolloutChecks.stopFitsGracePeriod(broken, MODULES, STOP));
    }

    @Test
    void rejectsAContainerWithNoPreStopPause() {
        Manifests broken = Fixtures.brokenRollout("command: [\"sleep\", \"5\"]", "command: [\"true\"]");
        assertEquals(List.of("Deployment/users-api container app: no preStop sleep to cover endpoint propagation"),
                RolloutChecks.stopFitsGracePeriod(broken, MODULES, STOP));
    }

    @Test
    void rejectsADeploymentThatNoBudgetCovers() {
        Manifests broken = Fixtures.brokenRollout("      app.kubernetes.io/name: users-api\n---", "      app.kubernetes.io/name: user-api\n---");
        assertEquals(List.of("Deployment/users-api: no PodDisruptionBudget"), RolloutChecks.everyDeploymentHasABudget(broken));
    }
}
