package deploytests.k8s;

import static deploytests.k8s.KustomizationsTest.assertNone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Step 05: the rolling part keeps capacity, and the blue-green Service switches between exactly the two colours. */
class RollingAndBlueGreenTest {

    private static final String STEP = "05-rolling-and-blue-green/";

    @Test
    void rollingUpdateNeverDropsBelowTheReplicas() {
        Manifests rolling = KustomizationsTest.rendered(STEP + "rolling");
        assertNone(STEP + "rolling", RolloutChecks.rolloutsKeepCapacity(rolling));
        assertEquals(List.of("Deployment/echo"), rolling.workloads().stream().map(Manifests.Workload::id).toList());
    }

    @Test
    void theServiceSelectsBlueAndAPatchedSelectorSelectsGreen() {
        Manifests blueGreen = KustomizationsTest.rendered(STEP + "blue-green");
        Service echo = blueGreen.ofType(Service.class).stream().filter(s -> s.getMetadata().getName().equals("echo")).findFirst().orElseThrow();
        Map<String, String> selector = echo.getSpec().getSelector();
        assertEquals(List.of("Deployment/echo-blue"), selected(blueGreen, selector));

        // What the README's `kubectl patch service echo` changes, and nothing else.
        Map<String, String> patched = new HashMap<>(selector);
        patched.put(SelectorChecks.INSTANCE_LABEL, "echo-green");
        assertEquals(List.of("Deployment/echo-green"), selected(blueGreen, patched));
    }

    private static List<String> selected(Manifests manifests, Map<String, String> selector) {
        return ConsistencyChecks.selectedBy(manifests, selector).stream().map(Manifests.Workload::id).toList();
    }
}
