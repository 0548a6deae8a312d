package deploytests.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The ConfigMaps and Secrets (and keys) a pod needs to start; optional references are left out. */
final class References {

    record Ref(boolean secret, String name, String key) {
    }

    private References() {
    }

    static List<Ref> of(PodSpec spec) {
        List<Ref> refs = new ArrayList<>();
        Stream.concat(ConsistencyChecks.nullSafe(spec.getInitContainers()).stream(), spec.getContainers().stream())
                .forEach(c -> container(c, refs));
        for (Volume volume : ConsistencyChecks.nullSafe(spec.getVolumes())) {
            if (volume.getConfigMap() != null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                keys(false, volume.getConfigMap().getName(), volume.getConfigMap().getItems(), refs);
            }
            if (volume.getSecret() != null && !Boolean.TRUE.equals(volume.getSecret().getOptional())) {
                keys(true, volume.getSecret().getSecretName(), volume.getSecret().getItems(), refs);
            }
            if (volume.getProjected() != null) {
                for (VolumeProjection p : volume.getProjected().getSources()) {
                    if (p.getConfigMap() != null && !Boolean.TRUE.equals(p.getConfigMap().getOptional())) {
                        keys(false, p.getConfigMap().getName(), p.getConfigMap().getItems(), refs);
                    }
                    if (p.getSecret() != null && !Boolean.TRUE.equals(p.getSecret().getOptional())) {
                        keys(true, p.getSecret().getName(), p.getSecret().getItems(), refs);
                    }
                }
            }
        }
        return refs;
    }

    private static void container(Container c, List<Ref> refs) {
        for (EnvVar env : ConsistencyChecks.nullSafe(c.getEnv())) {
            var from = env.getValueFrom();
            if (from == null) {
                continue;
            }
            if (from.getConfigMapKeyRef() != null && !Boolean.TRUE.equals(from.getConfigMapKeyRef().getOptional())) {
                refs.add(new Ref(false, from.getConfigMapKeyRef().getName(), from.getConfigMapKeyRef().getKey()));
            }
            if (from.getSecretKeyRef() != null && !Boolean.TRUE.equals(from.getSecretKeyRef().getOptional())) {
                refs.add(new Ref(true, from.getSecretKeyRef().getName(), from.getSecretKeyRef().getKey()));
            }
        }
        for (EnvFromSource env : ConsistencyChecks.nullSafe(c.getEnvFrom())) {
            if (env.getConfigMapRef() != null && !Boolean.TRUE.equals(env.getConfigMapRef().getOptional())) {
                refs.add(new Ref(false, env.getConfigMapRef().getName(), null));
            }
            if (env.getSecretRef() != null && !Boolean.TRUE.equals(env.getSecretRef().getOptional())) {
                refs.add(new Ref(true, env.getSecretRef().getName(), null));
            }
        }
    }

    private static void keys(boolean secret, String name, List<KeyToPath> items, List<Ref> refs) {
        refs.add(new Ref(secret, name, null));
        ConsistencyChecks.nullSafe(items).forEach(item -> refs.add(new Ref(secret, name, item.getKey())));
    }
}
