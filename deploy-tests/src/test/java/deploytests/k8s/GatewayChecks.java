package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecks.nullSafe;

import deploytests.k8s.Manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The gateway in a cluster: the Ingress sends / to it, its upstreams are real Services, and nginx can run read-only. */
public final class GatewayChecks {

    public static final String GATEWAY = "gateway";
    /** Where nginx writes: its pid and temp files, its proxy cache, and the template the entrypoint renders. */
    static final Set<String> WRITABLE = Set.of("/tmp", "/var/cache/nginx", "/etc/nginx/conf.d");
    private static final Pattern UPSTREAM_NAME = Pattern.compile("[A-Z0-9_]*UPSTREAM(_URL)?");
    private static final Pattern ADDRESS = Pattern.compile("^(?:[a-z]+://)?([a-z][a-z0-9-]*)(\\.[^:/]+)?:(\\d+)(?:/.*)?$");
    /** A Service's full name in the pod's own namespace: nginx's resolver skips resolv.conf's search domains. */
    private static final Pattern FULL_NAME = Pattern.compile("\\.(\\$\\(POD_NAMESPACE\\)|[a-z0-9-]+)\\.svc\\.[a-z0-9-]+(\\.[a-z0-9-]+)*");

    private GatewayChecks() {
    }

    /** The rendering has the gateway, probed on /healthz, listening where NGINX_PORT says, with every nginx write path on an emptyDir. */
    public static List<String> gatewayRunsReadOnly(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        Optional<Workload> gateway = manifests.workloads().stream()
                .filter(w -> w.kind().equals("Deployment") && w.name().equals(GATEWAY)).findFirst();
        if (gateway.isEmpty()) {
            return List.of("no Deployment/" + GATEWAY);
        }
        for (Container c : gateway.get().spec().getContainers()) {
            String id = gateway.get().id() + " container " + c.getName();
            probe(id, "readiness", c.getReadinessProbe(), problems);
            probe(id, "liveness", c.getLivenessProbe(), problems);
            String port = env(c, "NGINX_PORT");
            boolean listens = nullSafe(c.getPorts()).stream()
                    .anyMatch(p -> "http".equals(p.getName()) && String.valueOf(p.getContainerPort()).equals(port));
            if (!listens) {
                problems.add(id + ": NGINX_PORT " + port + " is not the container port named http");
            }
            for (String path : WRITABLE.stream().sorted().toList()) {
                Optional<VolumeMount> mount = nullSafe(c.getVolumeMounts()).stream().filter(m -> path.equals(m.getMountPath())).findFirst();
                boolean emptyDir = mount.flatMap(m -> nullSafe(gateway.get().spec().getVolumes()).stream()
                        .filter(v -> v.getName().equals(m.getName())).findFirst()).map(Volume::getEmptyDir).isPresent();
                if (!emptyDir) {
                    problems.add(id + ": nginx writes to " + path + ", which needs an emptyDir under a read-only root filesystem");
                }
            }
        }
        return problems;
    }

    private static void probe(String id, String kind, Probe probe, List<String> problems) {
        if (probe == null || probe.getHttpGet() == null || !"/healthz".equals(probe.getHttpGet().getPath())) {
            problems.add(id + ": " + kind + " probe must GET /healthz");
        }
    }

    private static boolean namespaceFromPod(Container c) {
        return nullSafe(c.getEnv()).stream().anyMatch(e -> "POD_NAMESPACE".equals(e.getName()) && e.getValueFrom() != null
                && e.getValueFrom().getFieldRef() != null && "metadata.namespace".equals(e.getValueFrom().getFieldRef().getFieldPath()));
    }

    /** Every *_UPSTREAM and *UPSTREAM_URL variable is host:port of a Service in the rendering that has that port; the gateway's are full names. */
    public static List<String> upstreamsNameServices(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (Workload w : manifests.workloads()) {
            for (Container c : w.spec().getContainers()) {
                for (EnvVar e : nullSafe(c.getEnv())) {
                    if (!UPSTREAM_NAME.matcher(e.getName()).matches() || e.getValue() == null) {
                        continue;
                    }
                    String id = w.id() + " container " + c.getName() + " " + e.getName();
                    Matcher address = ADDRESS.matcher(e.getValue());
                    if (!address.matches()) {
                        problems.add(id + ": " + e.getValue() + " is not host:port");
                        continue;
                    }
                    String suffix = address.group(2) == null ? "" : address.group(2);
                    boolean full = FULL_NAME.matcher(suffix).matches();
                    if (w.name().equals(GATEWAY) && !full) {
                        problems.add(id + ": " + e.getValue() + " must be <service>.<namespace>.svc.<cluster domain>:port, as nginx's resolver skips search domains");
                        continue;
                    }
                    if (!suffix.isEmpty() && !full) {
                        problems.add(id + ": " + e.getValue() + " must be <service>:port or <service>.<namespace>.svc.cluster.local:port");
                        continue;
                    }
                    if (suffix.contains("$(POD_NAMESPACE)") && !namespaceFromPod(c)) {
                        problems.add(id + ": names $(POD_NAMESPACE), which no env var sets from metadata.namespace");
                    }
                    Optional<Service> service = manifests.find(Service.class, address.group(1));
                    int port = Integer.parseInt(address.group(3));
                    if (service.isEmpty()) {
                        problems.add(id + ": no Service/" + address.group(1));
                    } else if (service.get().getSpec().getPorts().stream().noneMatch(p -> p.getPort() == port)) {
                        problems.add(id + ": Service/" + address.group(1) + " has no port " + port);
                    }
                }
            }
        }
        return problems;
    }

    /** Every Ingress path goes to an existing Service port, and / goes to the gateway. */
    public static List<String> ingressRootReachesGateway(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        boolean root = false;
        for (Ingress ingress : manifests.ofType(Ingress.class)) {
            for (IngressRule rule : nullSafe(ingress.getSpec().getRules())) {
                for (HTTPIngressPath path : rule.getHttp() == null ? List.<HTTPIngressPath>of() : rule.getHttp().getPaths()) {
                    String id = "Ingress/" + ingress.getMetadata().getName() + " path " + path.getPath();
                    IngressServiceBackend backend = path.getBackend().getService();
                    if (backend == null) {
                        problems.add(id + ": has no Service backend");
                        continue;
                    }
                    checkBackend(manifests, id, backend, problems);
                    if ("/".equals(path.getPath()) && "Prefix".equals(path.getPathType())) {
                        root = true;
                        if (!GATEWAY.equals(backend.getName())) {
                            problems.add(id + ": routes / to Service/" + backend.getName() + ", not to the " + GATEWAY);
                        }
                    }
                }
            }
        }
        if (!root) {
            problems.add("no Ingress routes / (pathType Prefix) to the " + GATEWAY);
        }
        return problems;
    }

    private static void checkBackend(Manifests manifests, String id, IngressServiceBackend backend, List<String> problems) {
        Optional<Service> service = manifests.find(Service.class, backend.getName());
        if (service.isEmpty()) {
            problems.add(id + ": no Service/" + backend.getName());
            return;
        }
        List<ServicePort> ports = service.get().getSpec().getPorts();
        var wanted = backend.getPort();
        boolean found = ports.stream().anyMatch(p -> wanted.getName() != null
                ? wanted.getName().equals(p.getName()) : Objects.equals(wanted.getNumber(), p.getPort()));
        if (!found) {
            problems.add(id + ": Service/" + backend.getName() + " has no port " + Objects.requireNonNullElse(wanted.getName(), String.valueOf(wanted.getNumber())));
        }
    }

    private static String env(Container c, String name) {
        return nullSafe(c.getEnv()).stream().filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst().orElse(null);
    }
}
