package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecksTest.assertOne;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayChecksTest {

    private static final Manifests GOOD = Manifests.parse(Fixtures.gateway());

    @Test
    void acceptsAGatewayBehindTheIngress() {
        assertEquals(List.of(), GatewayChecks.gatewayRunsReadOnly(GOOD));
        assertEquals(List.of(), GatewayChecks.upstreamsNameServices(GOOD));
        assertEquals(List.of(), GatewayChecks.ingressRootReachesGateway(GOOD));
    }

    @Test
    void rejectsARenderingWithoutTheGateway() {
        Manifests broken = Fixtures.brokenGateway("kind: Deployment\nmetadata:\n  name: gateway", "kind: Deployment\nmetadata:\n  name: web");
        assertOne("no Deployment/gateway", GatewayChecks.gatewayRunsReadOnly(broken));
    }

    @Test
    void rejectsAProbeBesideHealthz() {
        Manifests broken = Fixtures.brokenGateway("          readinessProbe:\n            httpGet:\n              path: /healthz",
                "          readinessProbe:\n            httpGet:\n              path: /");
        assertOne("readiness probe must GET /healthz", GatewayChecks.gatewayRunsReadOnly(broken));
    }

    @Test
    void rejectsANginxPortThatIsNotTheHttpContainerPort() {
        Manifests broken = Fixtures.brokenGateway("value: \"8080\"", "value: \"80\"");
        assertOne("NGINX_PORT 80 is not the container port named http", GatewayChecks.gatewayRunsReadOnly(broken));
    }

    @Test
    void rejectsANginxWritePathOnTheReadOnlyRoot() {
        Manifests broken = Fixtures.brokenGateway("            - name: conf\n              mountPath: /etc/nginx/conf.d\n", "");
        assertOne("nginx writes to /etc/nginx/conf.d", GatewayChecks.gatewayRunsReadOnly(broken));
    }

    @Test
    void rejectsAnUpstreamThatNamesNoService() {
        Manifests broken = Fixtures.brokenGateway("value: users-api.$(POD_NAMESPACE)", "value: user-api.$(POD_NAMESPACE)");
        assertOne("USERS_UPSTREAM: no Service/user-api", GatewayChecks.upstreamsNameServices(broken));
    }

    @Test
    void rejectsAnUpstreamOnAPortTheServiceLacks() {
        Manifests broken = Fixtures.brokenGateway(".svc.cluster.local:1405", ".svc.cluster.local:1404");
        assertOne("Service/users-api has no port 1404", GatewayChecks.upstreamsNameServices(broken));
    }

    @Test
    void rejectsAnUpstreamThatIsNoAddress() {
        Manifests broken = Fixtures.brokenGateway("value: users-api.$(POD_NAMESPACE).svc.cluster.local:1405", "value: users-api");
        assertOne("users-api is not host:port", GatewayChecks.upstreamsNameServices(broken));
    }

    @Test
    void rejectsAShortUpstreamNameThatNginxCannotResolve() {
        Manifests broken = Fixtures.brokenGateway("value: users-api.$(POD_NAMESPACE).svc.cluster.local:1405", "value: users-api:1405");
        assertOne("users-api:1405 must be <service>.<namespace>.svc.<cluster domain>:port, as nginx's resolver skips search domains",
                GatewayChecks.upstreamsNameServices(broken));
    }

    @Test
    void rejectsANamespaceVariableThatIsNeverSet() {
        Manifests broken = Fixtures.brokenGateway("fieldPath: metadata.namespace", "fieldPath: metadata.name");
        assertOne("names $(POD_NAMESPACE), which no env var sets from metadata.namespace",
                GatewayChecks.upstreamsNameServices(broken));
    }

    @Test
    void rejectsAnIngressThatSendsTheRootElsewhere() {
        Manifests broken = Fixtures.brokenGateway("                name: gateway\n", "                name: users-api\n");
        assertOne("routes / to Service/users-api, not to the gateway", GatewayChecks.ingressRootReachesGateway(broken));
    }

    @Test
    void rejectsAnIngressWithoutARootPath() {
        Manifests broken = Fixtures.brokenGateway("          - path: /\n", "          - path: /app\n");
        assertOne("no Ingress routes /", GatewayChecks.ingressRootReachesGateway(broken));
    }

    @Test
    void rejectsAnIngressBackendPortTheServiceLacks() {
        Manifests broken = Fixtures.brokenGateway("                port:\n                  name: http", "                port:\n                  name: web");
        assertOne("Service/gateway has no port web", GatewayChecks.ingressRootReachesGateway(broken));
    }
}
