package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecks.nullSafe;

import deploytests.k8s.Manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The restricted Pod Security Standard (kubernetes.io/docs/concepts/security/pod-security-standards), plus a read-only root filesystem. */
public final class PodSecurityChecks {

    private static final Set<String> SECCOMP = Set.of("RuntimeDefault", "Localhost");

    private PodSecurityChecks() {
    }

    public static List<String> restricted(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            PodSpec spec = workload.spec();
            String id = workload.id();
            PodSecurityContext pod = spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
            if (Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID()) || Boolean.TRUE.equals(spec.getHostIPC())) {
                problems.add(id + ": shares a host namespace");
            }
            if (pod.getSysctls() != null && !pod.getSysctls().isEmpty()) {
                problems.add(id + ": sets sysctls");
            }
            if (Long.valueOf(0).equals(pod.getRunAsUser())) {
                problems.add(id + ": runs as root (pod runAsUser 0)");
            }
            for (Volume volume : nullSafe(spec.getVolumes())) {
                boolean allowed = volume.getConfigMap() != null || volume.getCsi() != null || volume.getDownwardAPI() != null
                        || volume.getEmptyDir() != null || volume.getEphemeral() != null || volume.getPersistentVolumeClaim() != null
                        || volume.getProjected() != null || volume.getSecret() != null;
                if (!allowed) {
                    problems.add(id + ": volume " + volume.getName() + " has a type the restricted standard forbids");
                }
            }
            Stream.concat(nullSafe(spec.getInitContainers()).stream(), spec.getContainers().stream())
                    .forEach(c -> container(id + " container " + c.getName(), c, pod, problems));
        }
        return problems;
    }

    private static void container(String id, Container c, PodSecurityContext pod, List<String> problems) {
        SecurityContext sc = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
        if (Boolean.TRUE.equals(sc.getPrivileged())) {
            problems.add(id + ": privileged");
        }
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            problems.add(id + ": allowPrivilegeEscalation must be false");
        }
        Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : pod.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(nonRoot)) {
            problems.add(id + ": runAsNonRoot must be true");
        }
        if (Long.valueOf(0).equals(sc.getRunAsUser())) {
            problems.add(id + ": runs as root (runAsUser 0)");
        }
        SeccompProfile seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile() : pod.getSeccompProfile();
        if (seccomp == null || !SECCOMP.contains(seccomp.getType())) {
            problems.add(id + ": seccompProfile must be RuntimeDefault or Localhost");
        }
        var caps = sc.getCapabilities();
        if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
            problems.add(id + ": capabilities must drop ALL");
        }
        if (caps != null && caps.getAdd() != null && caps.getAdd().stream().anyMatch(cap -> !cap.equals("NET_BIND_SERVICE"))) {
            problems.add(id + ": adds capabilities " + caps.getAdd());
        }
        if (nullSafe(c.getPorts()).stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
            problems.add(id + ": uses a hostPort");
        }
        if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
            problems.add(id + ": readOnlyRootFilesystem must be true (mount an emptyDir where it writes)");
        }
    }
}
