package deploytests.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.LintResult;
import deploytests.k8s.ConsistencyChecks;
import deploytests.k8s.GatewayChecks;
import deploytests.k8s.Manifests;
import deploytests.k8s.Modules;
import deploytests.k8s.PodChecks;
import deploytests.k8s.PodSecurityChecks;
import deploytests.k8s.RolloutChecks;
import deploytests.k8s.StopTimes;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Lints and renders the chart with its defaults and each example values file, and runs the kustomize checks on it. */
class ChartTest {

    /** Third-party images: the in-cluster databases and the `helm test` client. */
    private static final Set<String> THIRD_PARTY = Set.of("mysql", "postgres", "redis", "curlimages/curl");
    /** The Secrets values.yaml and values-prod-example.yaml expect the operator to create (README.md). */
    private static final Map<String, Set<String>> EXTERNAL_SECRETS = Map.of(
            "users-db-credentials", Set.of("password"), "chain-db-credentials", Set.of("password"),
            "auth-db-credentials", Set.of("password"), "auth-signing-key", Set.of("signing.jwk"),
            "redis-credentials", Set.of("uri"));
    private static final Modules MODULES = Modules.of(Modules.repositoryRoot());

    static Stream<String> valuesFiles() {
        return Stream.of(null, "values-dev.yaml", "values-prod-example.yaml");
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void lintsStrictly(String valuesFile) {
        LintResult result = Chart.lint(Chart.values(valuesFile));
        assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
        assertEquals(List.of(), result.getMessages().stream().filter(m -> !m.contains("icon is recommended")).toList());
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void rendersObjectsThatPassTheKustomizeChecks(String valuesFile) {
        Manifests rendered = Chart.render(valuesFile);
        assertFalse(rendered.workloads().isEmpty(), valuesFile + " rendered no workload");
        assertNone(valuesFile, ConsistencyChecks.servicesSelectOneWorkload(rendered));
        assertNone(valuesFile, ConsistencyChecks.targetPortsNameContainerPorts(rendered));
        assertNone(valuesFile, ConsistencyChecks.referencesExist(rendered, EXTERNAL_SECRETS));
        assertNone(valuesFile, ConsistencyChecks.networkPoliciesSelectPods(rendered));
        assertNone(valuesFile, PodChecks.imagesMatchModules(rendered, MODULES, THIRD_PARTY));
        assertNone(valuesFile, PodChecks.probesMatchModules(rendered, MODULES));
        assertNone(valuesFile, PodChecks.resourcesBounded(rendered));
        assertNone(valuesFile, PodSecurityChecks.restricted(rendered));
        assertNone(valuesFile, GatewayChecks.gatewayRunsReadOnly(rendered));
        assertNone(valuesFile, GatewayChecks.upstreamsNameServices(rendered));
        assertNone(valuesFile, RolloutChecks.rolloutsKeepCapacity(rendered));
        assertNone(valuesFile, RolloutChecks.stopFitsGracePeriod(rendered, MODULES, StopTimes.of(Modules.repositoryRoot(), MODULES)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"values-dev.yaml", "values-prod-example.yaml"})
    void sendsTheIngressRootToTheGateway(String valuesFile) {
        assertNone(valuesFile, GatewayChecks.ingressRootReachesGateway(Chart.render(valuesFile)));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "values-prod-example.yaml")
    void rendersNoSecretUnlessADevValuesFileGivesOne(String valuesFile) {
        assertEquals(List.of(), Chart.render(valuesFile).ofType(Secret.class));
    }

    @Test
    void signsWithTheDevOnlyKeyOnlyWhenNoSecretIsNamed() throws IOException {
        List<Secret> secrets = Chart.render("values-dev.yaml").ofType(Secret.class).stream()
                .filter(s -> s.getMetadata().getName().equals("auth-signing-key")).toList();
        assertEquals(1, secrets.size());
        String key = new String(Base64.getDecoder().decode(secrets.get(0).getData().get("signing.jwk")), StandardCharsets.UTF_8);
        assertEquals(Files.readString(Chart.DIR.resolve("files/signing-key.dev-only.jwk")), key);
    }

    @Test
    void signsWithTheSameDevOnlyKeyAsTheDevOverlay() throws IOException {
        assertEquals(Files.readString(Modules.repositoryRoot().resolve("k8s/overlays/dev/signing-key.dev-only.jwk")),
                Files.readString(Chart.DIR.resolve("files/signing-key.dev-only.jwk")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "usersDb.inCluster=false | usersDb.host is required when usersDb.inCluster is false",
        "chainDb.inCluster=false | chainDb.host is required when chainDb.inCluster is false",
        "usersDb.existingSecret= | usersDb.existingSecret is empty and no usersDb.password is given",
        "usersDb.existingSecret=,usersDb.password=p,usersDb.inCluster=false,usersDb.host=db | usersDb.password is for the in-cluster dev database only",
        "usersDb.kind=postgres | usersDb.kind=postgres needs an external server",
        "usersDb.kind=oracle,usersDb.inCluster=false,usersDb.host=db | usersDb.kind must be mysql or postgres",
        "redis.inCluster=false | redis.uri is required when redis.inCluster is false",
        "hello1402.enabled=false | hello1403 calls hello1402",
        "echo.enabled=false | the gateway routes to echo (ECHO_UPSTREAM): set echo.enabled=true, or gateway.enabled=false",
        "usersApi.enabled=false | the gateway routes to users-api (USERS_UPSTREAM)",
        "auth.enabled=false,usersApi.enabled=false | the gateway routes to auth (AUTH_UPSTREAM): set auth.enabled=true, or gateway.enabled=false",
        "auth.enabled=false,gateway.enabled=false | users-api checks write tokens against auth's keys (AUTH_JWKS_URL): set auth.enabled=true",
        "authDb.inCluster=false | authDb.host is required when authDb.inCluster is false",
        "authDb.existingSecret= | authDb.existingSecret is empty and no authDb.password is given",
        "auth.signingKey.existingSecret=,auth.signingKey.previousKeys=true | auth.signingKey.previousKeys reads previous.jwks from auth.signingKey.existingSecret",
        "gateway.enabled=false,ingress.enabled=true | the Ingress sends everything to the gateway",
        "observability.enabled=true,observability.otlpEndpoint=http://collector | observability.otlpEndpoint needs an explicit port",
    })
    void failsWithAClearMessageOnImpossibleValues(String setAndMessage) {
        String[] parts = setAndMessage.split(" \\| ");
        Map<String, String> set = new java.util.LinkedHashMap<>();
        Arrays.stream(parts[0].split(",")).map(kv -> kv.split("=", 2)).forEach(kv -> set.put(kv[0], kv[1]));
        Exception e = assertThrows(IllegalStateException.class, () -> Chart.template(null, set));
        assertTrue(e.getMessage().contains(parts[1]), "expected \"" + parts[1] + "\" in: " + e.getMessage());
    }

    static void assertNone(String valuesFile, List<String> problems) {
        String name = valuesFile == null ? "default values" : valuesFile;
        assertEquals(List.of(), problems, name + ":\n  " + String.join("\n  ", problems));
    }
}
