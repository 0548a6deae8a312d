package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecksTest.assertOne;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodChecksTest {

    private static final Manifests GOOD = Manifests.parse(Fixtures.good());
    private static final Modules MODULES = new Modules(Set.of("hello1400", "users-api"), Set.of("users-api"));
    private static final Set<String> THIRD_PARTY = Set.of("mysql");

    @Test
    void acceptsConventionalContainers() {
        assertEquals(List.of(), PodChecks.imagesMatchModules(GOOD, MODULES, THIRD_PARTY));
        assertEquals(List.of(), PodChecks.probesMatchModules(GOOD, MODULES));
        assertEquals(List.of(), PodChecks.resourcesBounded(GOOD));
    }

    @Test
    void rejectsAnImageOfNoModule() {
        Manifests broken = Fixtures.broken("java-cluster/users-api:1.0.0", "java-cluster/user-api:1.0.0");
        assertOne("names no module of the build", PodChecks.imagesMatchModules(broken, MODULES, THIRD_PARTY));
    }

    @Test
    void acceptsARegistryPrefixAndADigestAsProdPinsThem() {
        Manifests pinned = Fixtures.broken("java-cluster/users-api:1.0.0",
                "registry.example.com/java-cluster/users-api:1.0.0@sha256:" + "0123456789abcdef".repeat(4));
        assertEquals(List.of(), PodChecks.imagesMatchModules(pinned, MODULES, THIRD_PARTY));
    }

    @Test
    void rejectsARegistryImageOfNoModule() {
        Manifests broken = Fixtures.broken("java-cluster/users-api:1.0.0", "registry.example.com/java-cluster/user-api:1.0.0");
        assertOne("names no module of the build", PodChecks.imagesMatchModules(broken, MODULES, THIRD_PARTY));
    }

    @Test
    void rejectsAnUnlistedOrUnpinnedThirdPartyImage() {
        assertOne("neither a module's nor an allowed third-party image",
                PodChecks.imagesMatchModules(Fixtures.broken("java-cluster/users-api:1.0.0", "busybox:1.36"), MODULES, THIRD_PARTY));
        assertOne("must be pinned", PodChecks.imagesMatchModules(Fixtures.broken("java-cluster/users-api:1.0.0", "mysql"), MODULES, THIRD_PARTY));
    }

    @Test
    void rejectsAProbeOutsideTheHealthEndpoints() {
        Manifests broken = Fixtures.broken("path: /health/readiness", "path: /ready");
        assertOne("readiness probe must GET /health/readiness", PodChecks.probesMatchModules(broken, MODULES));
    }

    @Test
    void rejectsAMissingProbe() {
        Manifests broken = Fixtures.broken("          livenessProbe:\n            httpGet:\n              path: /health/liveness\n              port: http\n", "");
        assertOne("no liveness probe", PodChecks.probesMatchModules(broken, MODULES));
    }

    @Test
    void rejectsAProbeOnAnUnnamedPort() {
        Manifests broken = Fixtures.broken("              path: /health/liveness\n              port: http", "              path: /health/liveness\n              port: 1405");
        assertOne("liveness probe port must name a container port", PodChecks.probesMatchModules(broken, MODULES));
    }

    @Test
    void rejectsAMissingLimit() {
        Manifests broken = Fixtures.broken("            limits:\n              cpu: \"1\"\n", "            limits:\n");
        assertOne("no cpu limit", PodChecks.resourcesBounded(broken));
    }

    @Test
    void sumsRequestsTimesReplicasAgainstABudget() {
        PodChecks.Requests total = PodChecks.totalRequests(GOOD);
        assertEquals(0, total.cpu().compareTo(java.math.BigDecimal.ONE), total.toString());
        assertEquals(List.of(), total.within("1", "2Gi"));
        assertOne("exceed 900m", total.within("900m", "2Gi"));
        assertOne("total memory requests", total.within("1", "2047Mi"));
    }
}
