package deploytests.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsistencyChecksTest {

    private static final Manifests GOOD = Manifests.parse(Fixtures.good());

    @Test
    void acceptsAConsistentRendering() {
        assertEquals(List.of(), ConsistencyChecks.servicesSelectOneWorkload(GOOD));
        assertEquals(List.of(), ConsistencyChecks.targetPortsNameContainerPorts(GOOD));
        assertEquals(List.of(), ConsistencyChecks.referencesExist(GOOD, Map.of()));
        assertEquals(List.of(), ConsistencyChecks.networkPoliciesSelectPods(GOOD));
    }

    @Test
    void rejectsAServiceThatSelectsNoPods() {
        Manifests broken = Fixtures.broken("  selector:\n    app.kubernetes.io/name: users-api", "  selector:\n    app.kubernetes.io/name: user-api");
        assertOne("Service/users-api selects 0 workloads", ConsistencyChecks.servicesSelectOneWorkload(broken));
    }

    @Test
    void rejectsATargetPortThatNamesNoContainerPort() {
        Manifests broken = Fixtures.broken("targetPort: http", "targetPort: web");
        assertOne("targetPort web is not a container port", ConsistencyChecks.targetPortsNameContainerPorts(broken));
    }

    @Test
    void rejectsANumericTargetPort() {
        Manifests broken = Fixtures.broken("targetPort: http", "targetPort: 1405");
        assertOne("targetPort must name a container port", ConsistencyChecks.targetPortsNameContainerPorts(broken));
    }

    @Test
    void rejectsAMissingConfigMapKey() {
        Manifests broken = Fixtures.broken("  database.host: users-db", "  database.hostname: users-db");
        assertOne("missing key database.host of ConfigMap/db-config", ConsistencyChecks.referencesExist(broken, Map.of()));
    }

    @Test
    void rejectsAMissingSecretUnlessListedAsExternal() {
        Manifests broken = Fixtures.broken("  name: users-db-credentials\nstringData", "  name: other\nstringData");
        assertOne("missing Secret/users-db-credentials", ConsistencyChecks.referencesExist(broken, Map.of()));
        assertEquals(List.of(), ConsistencyChecks.referencesExist(broken, Map.of("users-db-credentials", Set.of("password"))));
        assertOne("missing key password", ConsistencyChecks.referencesExist(broken, Map.of("users-db-credentials", Set.of("pass"))));
    }

    @Test
    void rejectsANetworkPolicyThatSelectsNoPods() {
        Manifests broken = Fixtures.broken("  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: users-api",
                "  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: usersapi");
        assertOne("NetworkPolicy/users-api podSelector {app.kubernetes.io/name=usersapi} selects no pods",
                ConsistencyChecks.networkPoliciesSelectPods(broken));
    }

    @Test
    void rejectsANetworkPolicyPeerThatSelectsNoPods() {
        Manifests broken = Fixtures.broken("            matchLabels:\n              app.kubernetes.io/name: users-api",
                "            matchLabels:\n              app.kubernetes.io/name: gateway");
        assertOne("NetworkPolicy/users-api peer {app.kubernetes.io/name=gateway} selects no pods",
                ConsistencyChecks.networkPoliciesSelectPods(broken));
    }

    static void assertOne(String expected, List<String> problems) {
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expected), problems.get(0));
    }
}
