package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecksTest.assertOne;
import static deploytests.k8s.KustomizationsTest.assertNone;
import static deploytests.k8s.StepTexts.broken;
import static deploytests.k8s.StepTexts.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deploytests.k8s.IngressRoutes.Route;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What step 06 adds beyond every step's checks (KustomizationsTest): the namespace, its identities and RBAC, and
 * the Ingress's routes. Each check also meets a copy of the step broken in one place, so none can pass vacuously.
 */
class IngressStepTest {

    private static final String INGRESS = "06-ingress-and-namespaces";

    // ---- 06: namespace, identities, RBAC

    @Test
    void theDemoNamespaceIsRestrictedAndHoldsEverything() {
        Manifests step = KustomizationsTest.rendered(INGRESS);
        assertNone(INGRESS, NamespaceChecks.restrictedAndHoldsEverything(step));
        assertNone(INGRESS, NamespaceChecks.podsRunWithoutTokens(step));
        assertNone(INGRESS, NamespaceChecks.rbacResolves(step));
    }

    @Test
    void rejectsAnUnpinnedOrWeakerNamespace() {
        String step = text(INGRESS);
        assertOne("audit-version must pin a version (v1.N), not latest", NamespaceChecks.restrictedAndHoldsEverything(Manifests.parse(
                broken(step, "pod-security.kubernetes.io/audit-version: v1.32", "pod-security.kubernetes.io/audit-version: latest"))));
        assertOne("warn-version v1.31 differs from enforce's v1.32", NamespaceChecks.restrictedAndHoldsEverything(Manifests.parse(
                broken(step, "pod-security.kubernetes.io/warn-version: v1.32", "pod-security.kubernetes.io/warn-version: v1.31"))));
        assertOne("warn must be restricted, not baseline", NamespaceChecks.restrictedAndHoldsEverything(Manifests.parse(
                broken(step, "pod-security.kubernetes.io/warn: restricted", "pod-security.kubernetes.io/warn: baseline"))));
        assertOne("Role/pod-reader is in namespace default", NamespaceChecks.restrictedAndHoldsEverything(Manifests.parse(
                broken(step, "  name: pod-reader\n  namespace: java-cluster-demo", "  name: pod-reader\n  namespace: default"))));
    }

    @Test
    void rejectsATokenOrAMissingServiceAccount() {
        String step = text(INGRESS);
        assertOne("ServiceAccount/demo-app: automountServiceAccountToken must be false", NamespaceChecks.podsRunWithoutTokens(
                Manifests.parse(broken(step, "automountServiceAccountToken: false\nkind: ServiceAccount\nmetadata:\n  labels:\n"
                        + "    app.kubernetes.io/part-of: java-cluster\n  name: demo-app",
                        "automountServiceAccountToken: true\nkind: ServiceAccount\nmetadata:\n  labels:\n"
                        + "    app.kubernetes.io/part-of: java-cluster\n  name: demo-app"))).stream().distinct().toList());
        var missing = NamespaceChecks.podsRunWithoutTokens(Manifests.parse(broken(step,
                "      serviceAccountName: demo-app\n      terminationGracePeriodSeconds: 30\n      volumes:",
                "      serviceAccountName: demo-ap\n      terminationGracePeriodSeconds: 30\n      volumes:")));
        assertTrue(missing.stream().anyMatch(p -> p.endsWith("no ServiceAccount/demo-ap")), missing.toString());
    }

    @Test
    void rejectsRbacThatDoesNotResolveOrGrantsTooMuch() {
        String step = text(INGRESS);
        assertOne("grants Role/pod-readers, which is no Role", NamespaceChecks.rbacResolves(Manifests.parse(
                broken(step, "  kind: Role\n  name: pod-reader", "  kind: Role\n  name: pod-readers"))));
        assertOne("subject ServiceAccount java-cluster-demo/viewers is not in the rendering", NamespaceChecks.rbacResolves(Manifests.parse(
                broken(step, "- kind: ServiceAccount\n  name: viewer", "- kind: ServiceAccount\n  name: viewers"))));
        assertOne("uses a wildcard", NamespaceChecks.rbacResolves(Manifests.parse(
                broken(step, "  verbs:\n  - get\n  - list\n  - watch", "  verbs:\n  - '*'"))));
    }

    // ---- 06: the Ingress

    @Test
    void theIngressRoutesEachPrefixToItsServiceWithoutThePrefix() {
        Manifests step = KustomizationsTest.rendered(INGRESS);
        assertNone(INGRESS, IngressRoutes.backendsExist(step));
        assertNone(INGRESS, IngressRoutes.regexesAreDeclared(step));
        assertEquals(Optional.of(new Route("echo", "http", "/hi")), IngressRoutes.route(step, "/echo/hi"));
        assertEquals(Optional.of(new Route("echo", "http", "/")), IngressRoutes.route(step, "/echo"));
        assertEquals(Optional.of(new Route("hello1401", "http", "/")), IngressRoutes.route(step, "/hello"));
        assertEquals(Optional.of(new Route("hello1401", "http", "/")), IngressRoutes.route(step, "/hello/"));
        assertEquals(Optional.of(new Route("hello1401", "http", "/health/readiness")), IngressRoutes.route(step, "/hello/health/readiness"));
        assertEquals(Optional.empty(), IngressRoutes.route(step, "/echoes"));
        assertEquals(Optional.empty(), IngressRoutes.route(step, "/"));
    }

    @Test
    void rejectsABackendPortOrARegexTheControllerWouldNotRead() {
        String step = text(INGRESS);
        assertOne("Service/hello1401 has no port web", IngressRoutes.backendsExist(Manifests.parse(
                broken(step, "            name: hello1401\n            port:\n              name: http",
                        "            name: hello1401\n            port:\n              name: web"))));
        assertOne("ingressClassName must be nginx", IngressRoutes.backendsExist(Manifests.parse(
                broken(step, "ingressClassName: nginx", "ingressClassName: traefik"))));
        assertOne("must be pathType ImplementationSpecific, not Prefix", IngressRoutes.regexesAreDeclared(Manifests.parse(
                broken(step, "        path: /echo(/|$)(.*)\n        pathType: ImplementationSpecific",
                        "        path: /echo(/|$)(.*)\n        pathType: Prefix"))));
        var beyond = IngressRoutes.regexesAreDeclared(Manifests.parse(broken(step, "rewrite-target: /$2", "rewrite-target: /$3")));
        assertEquals(2, beyond.size(), beyond.toString());
        assertTrue(beyond.get(0).contains("refers to group $3, the path captures 2"), beyond.get(0));
        // Without the rewrite, hello1401 would get /hello, on which it has nothing.
        Manifests noRewrite = Manifests.parse(broken(step, "nginx.ingress.kubernetes.io/rewrite-target: /$2\n", ""));
        assertEquals(Optional.of(new Route("hello1401", "http", "/hello")), IngressRoutes.route(noRewrite, "/hello"));
    }

    @Test
    void rollsWithoutLosingCapacity() {
        StepTexts.rollsWithoutLosingCapacity(INGRESS);
    }
}
