package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecks.nullSafe;

import deploytests.k8s.Manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Per-container conventions: images come from modules, probes hit real endpoints, resources are bounded. */
public final class PodChecks {

    private PodChecks() {
    }

    /** Images are the suite's modules' or a pinned third-party repository from {@code thirdParty}. */
    public static List<String> imagesMatchModules(Manifests manifests, Modules modules, Set<String> thirdParty) {
        List<String> problems = new ArrayList<>();
        forEachContainer(manifests, (id, c) -> {
            String image = c.getImage();
            String module = modules.moduleOf(image);
            String tag = Images.tag(image);
            if (module == null && !thirdParty.contains(Images.repository(image))) {
                problems.add(id + ": image " + image + " is neither a module's nor an allowed third-party image " + thirdParty);
            } else if (module != null && !modules.deployable().contains(module)) {
                problems.add(id + ": image " + image + " names no module of the build " + modules.deployable());
            }
            if (tag.isEmpty() || tag.equals("latest")) {
                problems.add(id + ": image " + image + " must be pinned to a version");
            }
        });
        return problems;
    }

    /** Long-running containers of module images probe /health/* (Micronaut) or their port, by port name. */
    public static List<String> probesMatchModules(Manifests manifests, Modules modules) {
        List<String> problems = new ArrayList<>();
        for (Workload w : manifests.workloads()) {
            for (Container c : w.spec().getContainers()) {
                String module = modules.moduleOf(c.getImage());
                if (module == null || w.kind().equals("Job") || w.kind().equals("CronJob")) {
                    continue;
                }
                String id = w.id() + " container " + c.getName();
                if (!ConsistencyChecks.ports(c.getPorts()).toList().contains("http")) {
                    problems.add(id + ": has no container port named http");
                }
                boolean micronaut = modules.micronaut().contains(module);
                probe(id, "readiness", c.getReadinessProbe(), micronaut ? "/health/readiness" : null, c, problems);
                probe(id, "liveness", c.getLivenessProbe(), micronaut ? "/health/liveness" : null, c, problems);
                if (c.getStartupProbe() != null) {
                    probe(id, "startup", c.getStartupProbe(), micronaut ? "/health/liveness" : null, c, problems);
                }
            }
        }
        return problems;
    }

    private static void probe(String id, String kind, Probe probe, String path, Container c, List<String> problems) {
        List<String> ports = ConsistencyChecks.ports(c.getPorts()).toList();
        if (probe == null) {
            problems.add(id + ": no " + kind + " probe");
        } else if (path != null && (probe.getHttpGet() == null || !path.equals(probe.getHttpGet().getPath()))) {
            problems.add(id + ": " + kind + " probe must GET " + path);
        } else if (path == null && probe.getTcpSocket() == null && probe.getHttpGet() == null) {
            problems.add(id + ": " + kind + " probe must check the port (tcpSocket or httpGet)");
        } else {
            var port = probe.getHttpGet() != null ? probe.getHttpGet().getPort() : probe.getTcpSocket().getPort();
            if (port == null || port.getStrVal() == null || !ports.contains(port.getStrVal())) {
                problems.add(id + ": " + kind + " probe port must name a container port " + ports);
            }
        }
    }

    /** Every container, init containers included, sets CPU and memory requests and limits. */
    public static List<String> resourcesBounded(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        forEachContainer(manifests, (id, c) -> {
            var r = c.getResources();
            for (String resource : List.of("cpu", "memory")) {
                if (r == null || r.getRequests() == null || !r.getRequests().containsKey(resource)) {
                    problems.add(id + ": no " + resource + " request");
                }
                if (r == null || r.getLimits() == null || !r.getLimits().containsKey(resource)) {
                    problems.add(id + ": no " + resource + " limit");
                }
            }
        });
        return problems;
    }

    /** What the scheduler must find free: per pod the larger of its containers' sum and its largest init container, times replicas. */
    public static Requests totalRequests(Manifests manifests) {
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal memory = BigDecimal.ZERO;
        for (Workload w : manifests.workloads()) {
            BigDecimal replicas = BigDecimal.valueOf(w.replicas());
            cpu = cpu.add(podRequest(w, "cpu").multiply(replicas));
            memory = memory.add(podRequest(w, "memory").multiply(replicas));
        }
        return new Requests(cpu, memory);
    }

    private static BigDecimal podRequest(Workload w, String resource) {
        BigDecimal sum = w.spec().getContainers().stream().map(c -> request(c, resource)).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal init = nullSafe(w.spec().getInitContainers()).stream().map(c -> request(c, resource)).reduce(BigDecimal.ZERO, BigDecimal::max);
        return sum.max(init);
    }

    private static BigDecimal request(Container c, String resource) {
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        return requests == null || !requests.containsKey(resource) ? BigDecimal.ZERO : requests.get(resource).getNumericalAmount();
    }

    /** Total requests: CPU in cores, memory in bytes. */
    public record Requests(BigDecimal cpu, BigDecimal memoryBytes) {

        public List<String> within(String maxCpu, String maxMemory) {
            List<String> problems = new ArrayList<>();
            if (cpu.compareTo(new Quantity(maxCpu).getNumericalAmount()) > 0) {
                problems.add("total CPU requests " + cpu + " exceed " + maxCpu);
            }
            if (memoryBytes.compareTo(new Quantity(maxMemory).getNumericalAmount()) > 0) {
                problems.add("total memory requests " + memoryBytes + " bytes exceed " + maxMemory);
            }
            return problems;
        }
    }

    private static void forEachContainer(Manifests manifests, java.util.function.BiConsumer<String, Container> action) {
        for (Workload w : manifests.workloads()) {
            Stream.concat(nullSafe(w.spec().getInitContainers()).stream(), w.spec().getContainers().stream())
                    .forEach(c -> action.accept(w.id() + " container " + c.getName(), c));
        }
    }
}
