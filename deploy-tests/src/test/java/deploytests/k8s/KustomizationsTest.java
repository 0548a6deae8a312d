package deploytests.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Renders every overlay and tutorial step with kubectl kustomize and runs every check on the result. */
class KustomizationsTest {

    /** Third-party images the in-cluster databases use; pinned, never latest. */
    static final Set<String> THIRD_PARTY = Set.of("mysql", "postgres", "redis");

    private static final Path ROOT = Modules.repositoryRoot();
    private static final Modules MODULES = Modules.of(ROOT);
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    static Stream<String> kustomizations() {
        return Stream.of("01-pod", "02-deployment-and-service", "03-echo-cluster", "04-config-and-secrets",
                "05-rolling-and-blue-green/rolling", "05-rolling-and-blue-green/blue-green", "06-ingress-and-namespaces", "07-scaling",
                "overlays/dev", "overlays/prod");
    }

    static Manifests rendered(String dir) {
        return RENDERED.computeIfAbsent(dir, d -> Manifests.kustomize(ROOT.resolve("k8s").resolve(d)));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersOnlyObjectsAndFieldsTheModelKnows(String dir) {
        assertFalse(rendered(dir).objects().isEmpty(), dir + " rendered nothing");
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void servicesSelectExactlyOneWorkload(String dir) {
        assertNone(dir, ConsistencyChecks.servicesSelectOneWorkload(rendered(dir)));
        assertNone(dir, ConsistencyChecks.targetPortsNameContainerPorts(rendered(dir)));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void selectorsUseTheNameLabelAndScalingTargetsExist(String dir) {
        assertNone(dir, SelectorChecks.selectorsUseNameOnly(rendered(dir)));
        assertNone(dir, SelectorChecks.scalingTargetsExist(rendered(dir)));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyReferencedConfigMapAndSecretExists(String dir) {
        assertNone(dir, ConsistencyChecks.referencesExist(rendered(dir), ExternalSecrets.of(dir)));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void networkPoliciesSelectExistingPods(String dir) {
        assertNone(dir, ConsistencyChecks.networkPoliciesSelectPods(rendered(dir)));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void containersUseModuleImagesProbesAndBoundedResources(String dir) {
        assertNone(dir, PodChecks.imagesMatchModules(rendered(dir), MODULES, THIRD_PARTY));
        assertNone(dir, PodChecks.probesMatchModules(rendered(dir), MODULES));
        assertNone(dir, PodChecks.resourcesBounded(rendered(dir)));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyPodMeetsTheRestrictedStandard(String dir) {
        assertNone(dir, PodSecurityChecks.restricted(rendered(dir)));
    }

    static Stream<String> overlays() {
        return Stream.of("overlays/dev", "overlays/prod");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theIngressReachesARestrictedGatewayWhoseUpstreamsExist(String dir) {
        Manifests gateway = new Manifests(rendered(dir).objects().stream()
                .filter(o -> o.getMetadata().getName().equals(GatewayChecks.GATEWAY)).toList());
        assertNone(dir, GatewayChecks.gatewayRunsReadOnly(gateway));
        assertNone(dir, PodSecurityChecks.restricted(gateway));
        assertNone(dir, GatewayChecks.upstreamsNameServices(rendered(dir)));
        assertNone(dir, GatewayChecks.ingressRootReachesGateway(rendered(dir)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void restartsLoseNoCapacityAndFitTheGracePeriod(String dir) {
        assertNone(dir, RolloutChecks.rolloutsKeepCapacity(rendered(dir)));
        assertNone(dir, RolloutChecks.stopFitsGracePeriod(rendered(dir), MODULES, StopTimes.of(ROOT, MODULES)));
    }

    @Test
    void prodBudgetsEveryDeployment() {
        assertNone("overlays/prod", RolloutChecks.everyDeploymentHasABudget(rendered("overlays/prod")));
    }

    @Test
    void baseParsesStrictly() {
        assertFalse(rendered("base").objects().isEmpty());
    }

    @Test
    void devFitsALaptop() {
        assertNone("overlays/dev", PodChecks.totalRequests(rendered("overlays/dev")).within("2", "3.5Gi"));
    }

    static void assertNone(String dir, List<String> problems) {
        assertEquals(List.of(), problems, dir + ":\n  " + String.join("\n  ", problems));
    }
}
