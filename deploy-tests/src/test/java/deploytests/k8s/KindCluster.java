package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecks.nullSafe;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A kind cluster config (kind.x-k8s.io/v1alpha4), which is not a Kubernetes object: parsed strictly against the
 * fields kind's v1alpha4 Cluster and Node know (an unknown or misspelled field, a wrong type or a duplicate key fails),
 * then checked against the rendering whose NodePorts it maps to the laptop.
 */
public final class KindCluster {

    static final String API_VERSION = "kind.x-k8s.io/v1alpha4";
    static final String LOOPBACK = "127.0.0.1";
    private static final Set<String> ROLES = Set.of("control-plane", "worker");
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    private static final ObjectMapper MAPPER = strictMapper();

    private KindCluster() {
    }

    /** kind's Cluster, v1alpha4 (sigs.k8s.io/kind/pkg/apis/config/v1alpha4). */
    public record Config(String kind, String apiVersion, String name, List<Node> nodes, Map<String, Object> networking,
            Map<String, Boolean> featureGates, Map<String, String> runtimeConfig, List<String> kubeadmConfigPatches,
            List<Map<String, Object>> kubeadmConfigPatchesJSON6902, List<String> containerdConfigPatches,
            List<Map<String, Object>> containerdConfigPatchesJSON6902) {
    }

    public record Node(String role, String image, Map<String, String> labels, List<Map<String, Object>> extraMounts,
            List<PortMapping> extraPortMappings, List<String> kubeadmConfigPatches,
            List<Map<String, Object>> kubeadmConfigPatchesJSON6902) {
    }

    public record PortMapping(Integer containerPort, Integer hostPort, String listenAddress, String protocol) {
    }

    /** The config, or an AssertionError naming what kind would reject or silently ignore. */
    public static Config parse(String yaml) {
        try {
            return MAPPER.readValue(yaml, Config.class);
        } catch (IOException e) {
            throw new AssertionError("kind config does not parse strictly: " + e.getMessage(), e);
        }
    }

    /**
     * One control plane and at least {@code workers} workers; every NodePort of {@code rendering} mapped from the same
     * port on 127.0.0.1 of the laptop, and no mapping that is no NodePort of it or listens beyond the loopback.
     */
    public static List<String> check(Config config, Manifests rendering, int workers) {
        List<String> problems = new ArrayList<>();
        if (!"Cluster".equals(config.kind()) || !API_VERSION.equals(config.apiVersion())) {
            problems.add("must be kind: Cluster, apiVersion: " + API_VERSION + ", not " + config.kind() + ", " + config.apiVersion());
        }
        List<Node> nodes = nullSafe(config.nodes());
        nodes.stream().filter(n -> !ROLES.contains(n.role())).forEach(n -> problems.add("node role " + n.role() + " is none of " + new TreeSet<>(ROLES)));
        long controlPlanes = nodes.stream().filter(n -> "control-plane".equals(n.role())).count();
        long workerCount = nodes.stream().filter(n -> "worker".equals(n.role())).count();
        if (controlPlanes != 1) {
            problems.add("expected 1 control-plane node, found " + controlPlanes);
        }
        if (workerCount < workers) {
            problems.add("expected at least " + workers + " worker nodes, found " + workerCount);
        }
        Set<Integer> nodePorts = new TreeSet<>();
        for (Service s : rendering.ofType(Service.class)) {
            if ("NodePort".equals(s.getSpec().getType())) {
                s.getSpec().getPorts().stream().map(ServicePort::getNodePort).filter(Objects::nonNull).forEach(nodePorts::add);
            }
        }
        Set<Integer> hostPorts = new HashSet<>();
        Set<Integer> mapped = new HashSet<>();
        for (Node node : nodes) {
            for (PortMapping m : nullSafe(node.extraPortMappings())) {
                String id = node.role() + " extraPortMapping " + m.containerPort() + "->" + m.hostPort();
                if (m.containerPort() == null || m.hostPort() == null) {
                    problems.add(id + ": needs containerPort and hostPort");
                    continue;
                }
                if (!LOOPBACK.equals(m.listenAddress())) {
                    problems.add(id + ": listenAddress must be " + LOOPBACK + " (kind's default, 0.0.0.0, opens it to the network), not " + m.listenAddress());
                }
                if (m.protocol() != null && !PROTOCOLS.contains(m.protocol())) {
                    problems.add(id + ": protocol " + m.protocol() + " is none of " + new TreeSet<>(PROTOCOLS));
                }
                if (!hostPorts.add(m.hostPort())) {
                    problems.add(id + ": hostPort " + m.hostPort() + " is mapped twice");
                }
                if (!nodePorts.contains(m.containerPort())) {
                    problems.add(id + ": containerPort " + m.containerPort() + " is no NodePort of the step " + nodePorts);
                    continue;
                }
                mapped.add(m.containerPort());
                if (!m.containerPort().equals(m.hostPort())) {
                    problems.add(id + ": hostPort must equal the NodePort " + m.containerPort() + ", which the README curls");
                }
            }
        }
        nodePorts.stream().filter(p -> !mapped.contains(p)).forEach(p -> problems.add("NodePort " + p + " is not mapped to " + LOOPBACK + ":" + p));
        return problems;
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        StrictParser.refuseScalarCoercion(mapper);
        return mapper;
    }
}
