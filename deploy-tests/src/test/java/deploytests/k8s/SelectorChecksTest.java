package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecksTest.assertOne;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorChecksTest {

    private static final String BUDGET = """
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: users-api
            spec:
              maxUnavailable: 1
              selector:
                matchLabels:
                  app.kubernetes.io/name: users-api
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: users-api
            spec:
              scaleTargetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: users-api
              maxReplicas: 5
            """;

    @Test
    void acceptsNameOnlySelectorsAndRealTargets() {
        Manifests good = Manifests.parse(Fixtures.good() + BUDGET);
        assertEquals(List.of(), SelectorChecks.selectorsUseNameOnly(good));
        assertEquals(List.of(), SelectorChecks.scalingTargetsExist(good));
    }

    @Test
    void rejectsASelectorOnAMutableLabel() {
        Manifests broken = Fixtures.broken("  selector:\n    app.kubernetes.io/name: users-api",
                "  selector:\n    app.kubernetes.io/name: users-api\n    app.kubernetes.io/version: \"1.0.0\"");
        assertOne("Service/users-api selects on", SelectorChecks.selectorsUseNameOnly(broken));
    }

    @Test
    void rejectsAnAutoscalerOfAMissingDeployment() {
        Manifests broken = Manifests.parse(Fixtures.good() + BUDGET.replace("    name: users-api\n  maxReplicas", "    name: user-api\n  maxReplicas"));
        assertOne("scales missing Deployment/user-api", SelectorChecks.scalingTargetsExist(broken));
    }

    @Test
    void rejectsABudgetThatCoversNoPods() {
        Manifests broken = Manifests.parse(Fixtures.good() + BUDGET.replace("      app.kubernetes.io/name: users-api\n---", "      app.kubernetes.io/name: users\n---"));
        assertOne("PodDisruptionBudget/users-api covers no pods", SelectorChecks.scalingTargetsExist(broken));
    }

    @Test
    void acceptsAnInstanceBesideTheNameButNotInItsPlace() {
        Manifests blueGreen = Fixtures.broken("  selector:\n    app.kubernetes.io/name: users-api",
                "  selector:\n    app.kubernetes.io/name: users-api\n    app.kubernetes.io/instance: users-api-blue");
        assertEquals(List.of(), SelectorChecks.selectorsUseNameOnly(blueGreen));
        Manifests instanceOnly = Fixtures.broken("  selector:\n    app.kubernetes.io/name: users-api",
                "  selector:\n    app.kubernetes.io/instance: users-api-blue");
        assertOne("Service/users-api selects on", SelectorChecks.selectorsUseNameOnly(instanceOnly));
    }
}
