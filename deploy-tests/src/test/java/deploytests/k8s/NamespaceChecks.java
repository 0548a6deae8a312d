package deploytests.k8s;

import static deploytests.k8s.ConsistencyChecks.nullSafe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** A rendering that brings its own namespace: restricted Pod Security, identities without tokens, and RBAC that resolves. */
public final class NamespaceChecks {

    static final String PSS = "pod-security.kubernetes.io/";
    private static final List<String> MODES = List.of("enforce", "warn", "audit");
    private static final Pattern PINNED = Pattern.compile("v1\\.\\d+");

    private NamespaceChecks() {
    }

    /**
     * The rendering has exactly one Namespace, which enforces, warns about and audits the restricted standard at one
     * pinned version, and every other object lands in it.
     */
    public static List<String> restrictedAndHoldsEverything(Manifests manifests) {
        List<Namespace> namespaces = manifests.ofType(Namespace.class);
        if (namespaces.size() != 1) {
            return List.of("expected one Namespace, found " + namespaces.size());
        }
        List<String> problems = new ArrayList<>();
        Namespace namespace = namespaces.get(0);
        String name = namespace.getMetadata().getName();
        Map<String, String> labels = Objects.requireNonNullElse(namespace.getMetadata().getLabels(), Map.of());
        String version = labels.get(PSS + "enforce-version");
        for (String mode : MODES) {
            if (!"restricted".equals(labels.get(PSS + mode))) {
                problems.add("Namespace/" + name + ": " + PSS + mode + " must be restricted, not " + labels.get(PSS + mode));
            }
            String modeVersion = labels.get(PSS + mode + "-version");
            if (modeVersion == null || !PINNED.matcher(modeVersion).matches()) {
                problems.add("Namespace/" + name + ": " + PSS + mode + "-version must pin a version (v1.N), not " + modeVersion);
            } else if (!modeVersion.equals(version)) {
                problems.add("Namespace/" + name + ": " + PSS + mode + "-version " + modeVersion + " differs from enforce's " + version);
            }
        }
        for (HasMetadata o : manifests.objects()) {
            if (!(o instanceof Namespace) && !name.equals(o.getMetadata().getNamespace())) {
                problems.add(o.getKind() + "/" + o.getMetadata().getName() + " is in namespace " + o.getMetadata().getNamespace() + ", not " + name);
            }
        }
        return problems;
    }

    /** Every pod runs as a ServiceAccount of the rendering that mounts no token, and no pod asks for one. */
    public static List<String> podsRunWithoutTokens(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (Manifests.Workload w : manifests.workloads()) {
            String account = w.spec().getServiceAccountName();
            if (account == null || account.equals("default")) {
                problems.add(w.id() + ": runs as the namespace's default ServiceAccount; name one of its own");
                continue;
            }
            Optional<ServiceAccount> sa = manifests.find(ServiceAccount.class, account);
            if (sa.isEmpty()) {
                problems.add(w.id() + ": no ServiceAccount/" + account);
            } else if (!Boolean.FALSE.equals(sa.get().getAutomountServiceAccountToken())) {
                problems.add("ServiceAccount/" + account + ": automountServiceAccountToken must be false");
            }
            if (Boolean.TRUE.equals(w.spec().getAutomountServiceAccountToken())) {
                problems.add(w.id() + ": mounts a token (automountServiceAccountToken true)");
            }
        }
        return problems;
    }

    /**
     * Every RoleBinding grants a Role of the rendering to ServiceAccounts of the rendering (or to users and groups),
     * and no Role uses a wildcard or reaches Secrets.
     */
    public static List<String> rbacResolves(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (RoleBinding binding : manifests.ofType(RoleBinding.class)) {
            String id = "RoleBinding/" + binding.getMetadata().getName();
            var ref = binding.getRoleRef();
            if (!"Role".equals(ref.getKind()) || manifests.find(Role.class, ref.getName()).isEmpty()) {
                problems.add(id + ": grants " + ref.getKind() + "/" + ref.getName() + ", which is no Role of the rendering");
            }
            if (nullSafe(binding.getSubjects()).isEmpty()) {
                problems.add(id + ": has no subjects");
            }
            for (Subject s : nullSafe(binding.getSubjects())) {
                if ("ServiceAccount".equals(s.getKind()) && manifests.find(ServiceAccount.class, s.getName())
                        .filter(sa -> Objects.equals(sa.getMetadata().getNamespace(), s.getNamespace())).isEmpty()) {
                    problems.add(id + ": subject ServiceAccount " + s.getNamespace() + "/" + s.getName() + " is not in the rendering");
                }
            }
        }
        for (Role role : manifests.ofType(Role.class)) {
            for (PolicyRule rule : nullSafe(role.getRules())) {
                List<String> all = new ArrayList<>(nullSafe(rule.getVerbs()));
                all.addAll(nullSafe(rule.getResources()));
                all.addAll(nullSafe(rule.getApiGroups()));
                if (all.contains("*")) {
                    problems.add("Role/" + role.getMetadata().getName() + ": a rule uses a wildcard " + all);
                }
                if (nullSafe(rule.getResources()).contains("secrets")) {
                    problems.add("Role/" + role.getMetadata().getName() + ": reaches secrets");
                }
            }
        }
        return problems;
    }
}
