package deploytests.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deploytests.k8s.Modules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The programs read out of commands and shell scripts: what a container needs, and nothing the shell does itself. */
class CommandsTest {

    private static final Commands COMMANDS = new Commands(Modules.repositoryRoot());
    private static final String DEV_TCP_PROBE = "exec 3<>/dev/tcp/127.0.0.1/1401 && printf \"GET /health/readiness HTTP/1.0\\r\\n\\r\\n\" >&3"
            + " && read -r status <&3 && [[ $status == *\" 200 \"* ]]";

    private static List<String> script(String script) {
        return COMMANDS.ofScript(script);
    }

    @Test
    void execFormRunsItsFirstElementAndAnAbsolutePathCountsAsItsBaseName() {
        assertEquals(List.of("curl"), COMMANDS.programs(List.of("curl", "-fsS", "http://127.0.0.1:1401/")));
        assertEquals(List.of("java"), COMMANDS.programs(List.of("/opt/jre/bin/java", "-jar", "/app/hello1400.jar")));
        assertEquals(List.of("docker-entrypoint.sh"), COMMANDS.programs(List.of("/docker-entrypoint.sh", "nginx")));
    }

    @Test
    void theBashDevTcpProbeNeedsBashAlone() {
        assertEquals(List.of("bash"), COMMANDS.programs(List.of("bash", "-c", DEV_TCP_PROBE)));
    }

    @Test
    void aShellAndEveryProgramItsScriptCalls() {
        assertEquals(List.of("sh", "sleep", "nginx", "sleep"), COMMANDS.programs(
                List.of("sh", "-c", "sleep 5 && nginx -s quit && while [ -e /tmp/nginx.pid ]; do sleep 1; done")));
        assertEquals(List.of("sh", "bash", "seq", "wc"),
                COMMANDS.programs(List.of("/bin/sh", "-ec", "bash -o pipefail -c 'seq 3 | wc -l >&2'")));
        assertEquals(List.of("bash"), COMMANDS.programs(List.of("bash", "/scripts/probe.sh")));
    }

    @Test
    void skipsAssignmentsRedirectionsAndBuiltins() {
        assertEquals(List.of("mysqladmin"), script("MYSQL_PWD=\"$MYSQL_ROOT_PASSWORD\" mysqladmin ping -h 127.0.0.1 -u root --silent"));
        assertEquals(List.of("curl", "wget"), script("curl -o /dev/null http://x >/dev/null 2>&1 && wget -q http://y &>/dev/null"));
        assertEquals(List.of(), script("pid=$!; kill $pid; wait $pid; test -s /app/x.aot; echo done >&2; exit 1"));
        assertEquals(List.of("java"), script("exec java -jar app.jar"));
        assertEquals(List.of(), script("command -v curl >/dev/null || exit 1"));
    }

    @Test
    void splitsPipesListsSubstitutionsAndBackticks() {
        assertEquals(List.of("curl", "tee", "grep"), script("curl -fsS --max-time 10 http://hello1403:1403/ | tee /dev/stderr | grep -q 'hop 2:'"));
        assertEquals(List.of("uname", "date", "id"), script("echo \"$(uname -m) `date`\"; x=$(id -u)"));
        assertEquals(List.of(), script("echo $((1 + 2))"));
        assertEquals(List.of("curl", "wget"), script("curl -fsS http://x \\\n  && wget -q http://y"));
        assertEquals(List.of("make"), script("case \"$1\" in a|b) (cd /src && make);; *) true;; esac"));
    }

    @Test
    void quotedOperatorsAreWordsNotSeparators() {
        assertEquals(List.of("grep"), script("grep -q 'a && b; c | d' \"/tmp/x y\""));
    }

    @Test
    void findsTheProgramsOfTheAotTrainingRunsLoops() {
        String curl = "java -XX:+UseG1GC -XX:AOTCacheOutput=/app/echo.aot -jar /app/echo.jar & pid=$!; "
                + "for i in $(seq 300); do curl -fso /dev/null http://127.0.0.1:1404/ && break; sleep 0.2; done; "
                + "for i in $(seq 200); do curl -fso /dev/null http://127.0.0.1:1404/; done; "
                + "kill $pid; wait $pid; test -s /app/echo.aot";
        assertEquals(List.of("java", "seq", "curl", "sleep", "seq", "curl"), script(curl));
        String bash = "ready() { " + DEV_TCP_PROBE + "; }; " + curl.replace("curl -fso /dev/null http://127.0.0.1:1404/", "ready");
        assertEquals(List.of("java", "seq", "sleep", "seq"), script(bash));
        assertEquals(List.of("sleep"), script("function ready { " + DEV_TCP_PROBE + "; }\nuntil ready; do sleep 1; done"));
    }

    @Test
    void aRepositoryScriptNeedsTheInterpreterOfItsShebang() {
        assertEquals(List.of("sh"), COMMANDS.programs(List.of("./mvnw", "-B", "-f", "hello1401/pom.xml", "mn:run")));
        assertEquals(List.of("sh", "jlink"), script("./mvnw -B -q -pl hello1400 -am package -DskipTests && jlink --output /jre"));
    }
}
