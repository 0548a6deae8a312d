package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecksTest.assertOne;
import static deploytests.k8s.KustomizationsTest.assertNone;
import static deploytests.k8s.StepTexts.broken;
import static deploytests.k8s.StepTexts.file;
import static deploytests.k8s.StepTexts.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;

/**
 * What step 07 adds beyond every step's checks (KustomizationsTest): the autoscaler applied apart from the
 * kustomization, the spread and the kind cluster config. Each check also meets a copy broken in one place.
 */
class ScalingStepTest {

    private static final String SCALING = "07-scaling";

    /** Step 07 as part 2 applies it: the kustomization and hpa.yaml, which kubectl apply -f adds apart. */
    private static Manifests scalingWithAutoscaler() {
        return Manifests.parse(text(SCALING) + "\n---\n" + file(SCALING + "/hpa.yaml"));
    }

    @Test
    void rollsWithoutLosingCapacity() {
        StepTexts.rollsWithoutLosingCapacity(SCALING);
    }

    @Test
    void theAutoscalerScalesEchoOnTheCpuItRequests() {
        Manifests step = scalingWithAutoscaler();
        assertEquals(1, step.ofType(HorizontalPodAutoscaler.class).size());
        assertNone(SCALING, SelectorChecks.scalingTargetsExist(step));
        assertNone(SCALING, ScalingChecks.utilizationTargetsRequestIt(step));
        assertNone(SCALING, ScalingChecks.spreadsCountOwnPods(step));
        assertNone(SCALING, PodChecks.resourcesBounded(step));
    }

    @Test
    void rejectsAnAutoscalerWithoutTheRequestItMeasures() {
        Manifests noRequest = Manifests.parse(broken(text(SCALING), "          requests:\n            cpu: 100m\n", "          requests:\n")
                + "\n---\n" + file(SCALING + "/hpa.yaml"));
        assertOne("scales on cpu utilization, but Deployment/echo container app requests no cpu", ScalingChecks.utilizationTargetsRequestIt(noRequest));
        Manifests otherTarget = Manifests.parse(text(SCALING) + "\n---\n" + broken(file(SCALING + "/hpa.yaml"), "    name: echo\n  minReplicas", "    name: echo2\n  minReplicas"));
        assertOne("scales missing Deployment/echo2", SelectorChecks.scalingTargetsExist(otherTarget));
    }

    @Test
    void rejectsASpreadThatCountsOtherPods() {
        Manifests wrong = Manifests.parse(broken(text(SCALING), "      - labelSelector:\n          matchLabels:\n            app.kubernetes.io/name: echo",
                "      - labelSelector:\n          matchLabels:\n            app.kubernetes.io/name: hello1401"));
        assertOne("spread over kubernetes.io/hostname selects {app.kubernetes.io/name=hello1401}", ScalingChecks.spreadsCountOwnPods(wrong));
    }

    @Test
    void theKindClusterHasTwoWorkersAndMapsTheNodePortOnLoopback() {
        KindCluster.Config config = KindCluster.parse(file(SCALING + "/kind-cluster.yaml"));
        assertNone(SCALING + "/kind-cluster.yaml", KindCluster.check(config, KustomizationsTest.rendered(SCALING), 2));
    }

    @Test
    void rejectsAKindClusterThatKindWouldRejectOrThatMissesTheNodePort() {
        String kind = file(SCALING + "/kind-cluster.yaml");
        Manifests step = KustomizationsTest.rendered(SCALING);
        assertThrows(AssertionError.class, () -> KindCluster.parse(broken(kind, "extraPortMappings:", "extraPortMapping:")));
        assertThrows(AssertionError.class, () -> KindCluster.parse(broken(kind, "hostPort: 31408", "hostPort: \"31408\"")));
        assertThrows(AssertionError.class, () -> KindCluster.parse(broken(kind, "  - role: worker\n", "  - role: worker\n    role: worker\n")));
        assertOne("listenAddress must be 127.0.0.1", KindCluster.check(KindCluster.parse(broken(kind, "listenAddress: 127.0.0.1", "listenAddress: 0.0.0.0")), step, 2));
        assertOne("hostPort must equal the NodePort 31408", KindCluster.check(KindCluster.parse(broken(kind, "hostPort: 31408", "hostPort: 8080")), step, 2));
        assertOne("expected at least 2 worker nodes, found 1", KindCluster.check(KindCluster.parse(broken(kind, "  - role: worker\n  - role: worker\n", "  - role: worker\n")), step, 2));
        assertOne("node role workers is none of", KindCluster.check(KindCluster.parse(broken(kind, "  - role: worker\n  - role: worker\n", "  - role: worker\n  - role: worker\n  - role: workers\n")), step, 2));
        assertOne("must be kind: Cluster, apiVersion: kind.x-k8s.io/v1alpha4", KindCluster.check(KindCluster.parse(broken(kind, "kind.x-k8s.io/v1alpha4", "kind.x-k8s.io/v1alpha3")), step, 2));
        Manifests moved = Manifests.parse(broken(text(SCALING), "nodePort: 31408", "nodePort: 31409"));
        var problems = KindCluster.check(KindCluster.parse(kind), moved, 2);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(1).contains("NodePort 31409 is not mapped to 127.0.0.1:31409"), problems.get(1));
    }
}
