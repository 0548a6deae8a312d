package deploytests.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the compose files must agree with: the modules, their Dockerfiles and default ports, and docs/architecture.md. */
final class Repository {

    private static final Pattern YAML_PORT = Pattern.compile("port:\\s*\\$\\{PORT:(\\d+)}");
    private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\| \\[([a-z0-9-]+)]\\([^)]*\\) \\| ([^|]+) \\|.*\\| ([^|]*) \\|$");
    private static final Pattern ENV_NAME = Pattern.compile("`([A-Z][A-Z0-9_]*\\*?)");

    private final Path root;
    private final Map<String, Integer> contractPorts = new TreeMap<>();
    private final Map<String, Set<String>> contractEnv = new TreeMap<>();

    private Repository(Path root) {
        this.root = root;
        readContract();
    }

    /** The repository that contains the working directory (Maven runs tests in the module's folder). */
    static Repository current() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (a folder with mvnw) above " + Path.of("").toAbsolutePath());
        }
        return new Repository(dir);
    }

    Path root() {
        return root;
    }

    Path relative(Path file) {
        return root.relativize(file.toAbsolutePath().normalize());
    }

    boolean isModule(String module) {
        return Files.isRegularFile(root.resolve(module).resolve("pom.xml"));
    }

    /** A folder at the root that ships an image: a Maven module, or one with only a Dockerfile (the nginx gateway). */
    boolean isDeployable(String module) {
        boolean rootFolder = !module.isEmpty() && !module.contains("/") && !module.startsWith(".");
        return rootFolder && (isModule(module) || Files.isRegularFile(root.resolve(module).resolve("Dockerfile")));
    }

    /** Whether the module's Dockerfile sets the variable with ENV NAME=value, on any line of an ENV instruction. */
    boolean dockerfileSetsEnv(String module, String name) {
        Path dockerfile = root.resolve(module).resolve("Dockerfile");
        Pattern env = Pattern.compile("(?m)^ENV\\s(?:[^\\n]*\\\\\\n)*[^\\n]*(?<![A-Za-z0-9_])" + name + "=");
        return Files.isRegularFile(dockerfile) && env.matcher(read(dockerfile)).find();
    }

    /** A Micronaut service: configured by an application.yml (hello1400 is plain Java). */
    boolean isMicronaut(String module) {
        return Files.isRegularFile(root.resolve(module).resolve("src/main/resources/application.yml"));
    }

    /** The port a module listens on when PORT is unset: application.yml, else hello1400's source, else EXPOSE. */
    Optional<Integer> defaultPort(String module) {
        Path yaml = root.resolve(module).resolve("src/main/resources/application.yml");
        if (Files.isRegularFile(yaml)) {
            return first(YAML_PORT.matcher(read(yaml)));
        }
        Optional<Integer> source = sourceConstant(module, "DEFAULT_PORT");
        Path dockerfile = root.resolve(module).resolve("Dockerfile");
        if (source.isPresent() || !Files.isRegularFile(dockerfile)) {
            return source;
        }
        return first(EXPOSE.matcher(read(dockerfile)));
    }

    /** An integer constant NAME = 123 in the module's Java sources. */
    Optional<Integer> sourceConstant(String module, String name) {
        Pattern constant = Pattern.compile("\\b" + name + "\\s*=\\s*(\\d+)");
        try (var sources = Files.walk(root.resolve(module).resolve("src/main/java"))) {
            return sources.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> first(constant.matcher(read(p))))
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Optional<Integer> contractPort(String service) {
        return Optional.ofNullable(contractPorts.get(service));
    }

    /** Environment names the contract lists for any service built from this module; NAME_* is a prefix. */
    Set<String> contractEnv(String module) {
        return contractEnv.getOrDefault(module, Set.of());
    }

    private void readContract() {
        for (String line : read(root.resolve("docs/architecture.md")).split("\n")) {
            // Escaped pipes inside a cell (\\|) are not column separators.
            Matcher row = TABLE_ROW.matcher(line.strip().replace("\\|", "/"));
            if (!row.matches()) {
                continue;
            }
            String service = row.group(1);
            String module = row.group(2);
            if (row.group(3).strip().matches("\\d+")) {
                contractPorts.put(service, Integer.parseInt(row.group(3).strip()));
            }
            Matcher env = ENV_NAME.matcher(row.group(4));
            Set<String> names = contractEnv.computeIfAbsent(module, m -> new HashSet<>());
            while (env.find()) {
                names.add(env.group(1));
            }
        }
        if (contractPorts.isEmpty()) {
            throw new IllegalStateException("docs/architecture.md has no service table this check can read");
        }
    }

    private static Optional<Integer> first(Matcher matcher) {
        return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
