package deploytests.images;

import deploytests.k8s.Manifests;
import deploytests.k8s.Manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The programs the containers of a rendering (a kustomization or a Helm release) start: command (with its args),
 * args of an upstream image that name a program, exec probes and exec lifecycle hooks.
 */
final class PodCalls {

    private final UpstreamImages images;
    private final Commands commands;

    PodCalls(UpstreamImages images) {
        this.images = images;
        this.commands = new Commands(images.root());
    }

    List<Call> calls(String label, Manifests manifests) {
        List<Call> calls = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            Stream.of(workload.spec().getInitContainers(), workload.spec().getContainers())
                    .filter(Objects::nonNull).flatMap(List::stream)
                    .forEach(c -> calls.addAll(container(label + ": " + workload.id() + " container " + c.getName(), c)));
        }
        return calls;
    }

    private List<Call> container(String where, Container container) {
        String image = images.of(container.getImage());
        List<String> command = Objects.requireNonNullElse(container.getCommand(), List.of());
        List<String> args = Objects.requireNonNullElse(container.getArgs(), List.of());
        List<Call> calls = new ArrayList<>();
        if (!command.isEmpty()) {
            add(calls, where + " command", image, Stream.concat(command.stream(), args.stream()).toList());
        } else if (!args.isEmpty() && !images.isRepository(container.getImage()) && !args.get(0).startsWith("-")) {
            add(calls, where + " args", image, args); // upstream entrypoints exec a first argument that is no option
        }
        add(calls, where + " livenessProbe", image, exec(container.getLivenessProbe()));
        add(calls, where + " readinessProbe", image, exec(container.getReadinessProbe()));
        add(calls, where + " startupProbe", image, exec(container.getStartupProbe()));
        Lifecycle lifecycle = container.getLifecycle();
        if (lifecycle != null) {
            add(calls, where + " postStart", image, exec(lifecycle.getPostStart()));
            add(calls, where + " preStop", image, exec(lifecycle.getPreStop()));
        }
        return calls;
    }

    private void add(List<Call> calls, String where, String image, List<String> argv) {
        commands.programs(argv).forEach(program -> calls.add(new Call(where, image, program)));
    }

    private static List<String> exec(Probe probe) {
        return probe == null ? List.of() : command(probe.getExec());
    }

    private static List<String> exec(LifecycleHandler handler) {
        return handler == null ? List.of() : command(handler.getExec());
    }

    private static List<String> command(ExecAction exec) {
        return exec == null || exec.getCommand() == null ? List.of() : exec.getCommand();
    }
}
