package deploytests.compose;

import static deploytests.compose.ComposeSnippets.REPO;
import static deploytests.compose.ComposeSnippets.assertReports;
import static deploytests.compose.ComposeSnippets.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The suite files' own checks (hardening, lifecycle, networks, secrets) each report a broken snippet. */
class ComposeSuiteChecksTest {

    private static final String SUITE = """
            x-hardened: &hardened
              user: "10001:10001"
              read_only: true
              cap_drop: [ALL]
              security_opt: ["no-new-privileges:true"]
              restart: unless-stopped
            services:
              gateway:
                <<: *hardened
                image: java-cluster/gateway:1.0.0
                stop_grace_period: 15s
                networks: [front]
              hello1400:
                <<: *hardened
                image: java-cluster/hello1400:1.0.0
                stop_grace_period: 15s
                networks: [front]
              users-api:
                <<: *hardened
                image: java-cluster/users-api:1.0.0
                stop_grace_period: 25s
                environment:
                  DATABASE_HOST: users-db
                  DATABASE_PASSWORD: ${USERS_DB_PASSWORD:-users-dev-only}
                  REDIS_URI: redis://redis:6379
                networks: [front, users-db, cache]
              users-db:
                <<: *hardened
                image: mysql:8.4
                user: "999:999"
                stop_grace_period: 30s
                environment:
                  MYSQL_PASSWORD: ${USERS_DB_PASSWORD:?set USERS_DB_PASSWORD in .env}
                healthcheck:
                  test: ["CMD-SHELL", "MYSQL_PWD=\\"$$MYSQL_ROOT_PASSWORD\\" mysqladmin ping"]
                networks: [users-db]
              redis:
                <<: *hardened
                image: redis:7.4
                stop_grace_period: 10s
                networks: [cache]
              migrate-users:
                <<: *hardened
                image: java-cluster/db-migrations:1.0.0
                profiles: [migrate]
                environment: {DATABASE_HOST: users-db}
                networks: [users-db]
              prometheus:
                image: prom/prometheus:v3.5.0
                profiles: [observability]
                user: "65534:65534"
                cap_drop: [ALL]
                security_opt: ["no-new-privileges:true"]
                restart: unless-stopped
                stop_grace_period: 10s
                networks: [front]
            networks:
              front:
              users-db: {internal: true}
              cache: {internal: true}
            """;

    @Test
    void goodSuitePassesTheSuiteChecks() {
        ComposeProject good = project(SUITE);
        assertEquals(List.of(), HardeningCheck.problems(good));
        assertEquals(List.of(), LifecycleCheck.problems(good, REPO));
        assertEquals(List.of(), NetworkIsolationCheck.problems(good));
        assertEquals(List.of(), SecretsCheck.problems(good));
    }

    @Test
    void rejectsPrivilegedOrWritableContainers() {
        String yaml = SUITE.replace("    image: redis:7.4\n", "    image: redis:7.4\n    read_only: false\n    user: \"0:0\"\n")
                .replace("    user: \"65534:65534\"\n", "")
                .replace("networks:\n  front:", "  adminer:\n    image: adminer:5.3\n    profiles: [tools]\n    user: root\nnetworks:\n  front:");
        List<String> problems = HardeningCheck.problems(project(yaml));
        assertReports(problems, "redis has a writable root filesystem");
        assertReports(problems, "redis runs as root (user: 0:0)");
        assertReports(problems, "prometheus sets no user");
        assertReports(problems, "adminer does not drop ALL capabilities");
        assertReports(problems, "adminer may gain privileges");
        assertReports(problems, "adminer runs as root (user: root)");
        assertReports(problems, "adminer has a writable root filesystem");
        assertTrue(problems.stream().noneMatch(p -> p.contains("prometheus has a writable")), "observability is exempt from read_only");
    }

    @Test
    void rejectsLongRunningServicesThatStopSoonerThanTheirShutdownOrStayDown() {
        String yaml = SUITE.replace("stop_grace_period: 25s", "stop_grace_period: 20s")
                .replace("    image: java-cluster/hello1400:1.0.0\n    stop_grace_period: 15s", "    image: java-cluster/hello1400:1.0.0\n    stop_grace_period: 10s")
                .replace("    stop_grace_period: 10s\n    networks: [cache]", "    networks: [cache]")
                .replace("    restart: unless-stopped\n    stop_grace_period: 10s\n    networks: [front]", "    networks: [front]");
        List<String> problems = LifecycleCheck.problems(project(yaml), REPO);
        assertReports(problems, "users-api: stop_grace_period 20s does not exceed the 20 s its own graceful shutdown may take");
        assertReports(problems, "hello1400: stop_grace_period 10s does not exceed the 10 s");
        assertReports(problems, "redis has no stop_grace_period");
        assertReports(problems, "prometheus has no restart policy");
        assertTrue(problems.stream().noneMatch(p -> p.contains("migrate-users")), "a job needs neither: " + problems);
    }

    @Test
    void readsEachModulesShutdownGraceAndComposeDurations() {
        assertEquals(Optional.of(Duration.ofSeconds(20)), ShutdownGrace.of(REPO, "users-api"));
        assertEquals(Optional.of(Duration.ofSeconds(10)), ShutdownGrace.of(REPO, "hello1400"));
        assertEquals(Optional.empty(), ShutdownGrace.of(REPO, "gateway"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), LifecycleCheck.composeDuration("1m30s"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), LifecycleCheck.composeDuration("1.5s"));
        assertEquals(Optional.empty(), LifecycleCheck.composeDuration("25"));
    }

    @Test
    void rejectsDataServicesReachableBeyondTheirUsers() {
        String yaml = SUITE.replace("    networks: [front]\n  hello1400:", "    networks: [front, cache]\n  hello1400:")
                .replace("    stop_grace_period: 15s\n    networks: [front]\n  users-api:", "    stop_grace_period: 15s\n    networks: [front, users-db]\n  users-api:")
                .replace("users-db: {internal: true}", "users-db:");
        List<String> problems = NetworkIsolationCheck.problems(project(yaml));
        assertReports(problems, "gateway (the gateway) shares network cache with redis");
        assertReports(problems, "hello1400 shares network users-db with users-db, but its environment does not name it (DATABASE_HOST)");
        assertReports(problems, "data network users-db is not internal: true");
    }

    @Test
    void countsServicesWithoutNetworksAsOnDefault() {
        String yaml = SUITE.replace("    networks: [cache]\n", "").replace("    networks: [users-db]\n  redis:", "  redis:");
        List<String> problems = NetworkIsolationCheck.problems(project(yaml));
        assertReports(problems, "users-api is configured to use redis but shares no network with it");
        assertReports(problems, "users-db shares network default with redis, but its environment does not name it (REDIS_URI)");
        assertReports(problems, "data network default is not internal: true");
    }

    @Test
    void rejectsPasswordsWithoutDevOnlyDefaultOrRequirement() {
        String yaml = SUITE.replace("${USERS_DB_PASSWORD:-users-dev-only}", "${USERS_DB_PASSWORD:-secret}")
                .replace("${USERS_DB_PASSWORD:?set USERS_DB_PASSWORD in .env}", "${USERS_DB_PASSWORD}")
                .replace("{DATABASE_HOST: users-db}", "{DATABASE_HOST: users-db, DATABASE_PASSWORD: hunter2}");
        List<String> problems = SecretsCheck.problems(project(yaml));
        assertReports(problems, "${USERS_DB_PASSWORD:-secret} falls back to a password not marked dev-only");
        assertReports(problems, "${USERS_DB_PASSWORD} is neither required (:?) nor given a dev-only default");
        assertReports(problems, "migrate-users writes DATABASE_PASSWORD into the file instead of a variable");
        assertEquals(3, problems.size(), () -> "the healthcheck's $$MYSQL_ROOT_PASSWORD is no interpolation: " + problems);
    }
}
