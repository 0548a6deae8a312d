package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecksTest.assertOne;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PodSecurityChecksTest {

    @Test
    void acceptsARestrictedPod() {
        assertEquals(List.of(), PodSecurityChecks.restricted(Manifests.parse(Fixtures.good())));
    }

    @Test
    void rejectsPrivilegeEscalation() {
        assertOne("allowPrivilegeEscalation must be false", broken("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true"));
    }

    @Test
    void rejectsAPodThatMayRunAsRoot() {
        assertOne("runAsNonRoot must be true", broken("runAsNonRoot: true", "runAsNonRoot: false"));
        assertOne("runs as root", broken("runAsUser: 10001", "runAsUser: 0"));
    }

    @Test
    void rejectsKeptCapabilities() {
        assertOne("capabilities must drop ALL", broken("drop: [\"ALL\"]", "drop: [\"NET_RAW\"]"));
    }

    @Test
    void rejectsAnUnconfinedSeccompProfile() {
        assertOne("seccompProfile must be RuntimeDefault", broken("type: RuntimeDefault", "type: Unconfined"));
    }

    @Test
    void rejectsAHostPathVolume() {
        assertOne("volume tmp has a type the restricted standard forbids", broken("emptyDir: {}", "hostPath:\n            path: /tmp"));
    }

    @Test
    void rejectsAWritableRootFilesystem() {
        assertOne("readOnlyRootFilesystem must be true", broken("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"));
    }

    private static List<String> broken(String snippet, String replacement) {
        return PodSecurityChecks.restricted(Fixtures.broken(snippet, replacement));
    }
}
