package deploytests.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The strictly parsed objects of one rendering (a kustomization or a Helm release), with lookups the checks share. */
public record Manifests(List<HasMetadata> objects) {

    public Manifests {
        objects = List.copyOf(objects);
    }

    public static Manifests parse(String yaml) {
        return new Manifests(StrictParser.parse(yaml));
    }

    public static Manifests kustomize(Path dir) {
        return parse(Kubectl.kustomize(dir));
    }

    public <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return ofType(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    /** Everything that creates pods, with the labels and spec of those pods. */
    public List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (HasMetadata o : objects) {
            String name = o.getMetadata().getName();
            if (o instanceof Deployment d) {
                workloads.add(of("Deployment", name, d.getSpec().getReplicas(), d.getSpec().getTemplate()));
            } else if (o instanceof StatefulSet s) {
                workloads.add(of("StatefulSet", name, s.getSpec().getReplicas(), s.getSpec().getTemplate()));
            } else if (o instanceof DaemonSet d) {
                workloads.add(of("DaemonSet", name, 1, d.getSpec().getTemplate()));
            } else if (o instanceof Job j) {
                workloads.add(of("Job", name, j.getSpec().getParallelism(), j.getSpec().getTemplate()));
            } else if (o instanceof CronJob c) {
                workloads.add(of("CronJob", name, 1, c.getSpec().getJobTemplate().getSpec().getTemplate()));
            } else if (o instanceof Pod p) {
                workloads.add(new Workload("Pod", name, 1, labels(p.getMetadata().getLabels()), p.getSpec()));
            }
        }
        return workloads;
    }

    private static Workload of(String kind, String name, Integer replicas, PodTemplateSpec template) {
        Map<String, String> labels = template.getMetadata() == null ? Map.of() : labels(template.getMetadata().getLabels());
        return new Workload(kind, name, Objects.requireNonNullElse(replicas, 1), labels, template.getSpec());
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }

    /** One pod-creating object: its pods' labels and spec, and how many run at once. */
    public record Workload(String kind, String name, int replicas, Map<String, String> podLabels, PodSpec spec) {

        public String id() {
            return kind + "/" + name;
        }

        public boolean matches(Map<String, String> selector) {
            return selector != null && podLabels.entrySet().containsAll(selector.entrySet());
        }
    }
}
