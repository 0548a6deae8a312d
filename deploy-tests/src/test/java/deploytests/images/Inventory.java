package deploytests.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * ci/images/inventory.txt: per upstream image, the programs it has and the likely mistakes it lacks. "needs"
 * lists programs it has that the repository only uses through another (mvnw's fallbacks, an image's own command).
 */
final class Inventory {

    static final String FILE = "ci/images/inventory.txt";

    private final Map<String, Set<String>> has = new TreeMap<>();
    private final Map<String, Set<String>> lacks = new TreeMap<>();
    private final Map<String, Set<String>> needs = new TreeMap<>();

    private Inventory() {
    }

    static Inventory read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "IMAGE has|needs|lacks PROGRAM..." lines and # comments; anything else is a mistake in the file and fails. */
    static Inventory parse(String text) {
        Inventory inventory = new Inventory();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            if (words.length < 3 || !List.of("has", "needs", "lacks").contains(words[1])) {
                throw new IllegalArgumentException(FILE + ": not \"IMAGE has|needs|lacks PROGRAM...\": " + line);
            }
            List<String> listed = List.of(words).subList(2, words.length);
            Map<String, Set<String>> side = words[1].equals("lacks") ? inventory.lacks : inventory.has;
            side.computeIfAbsent(words[0], image -> new TreeSet<>()).addAll(listed);
            if (words[1].equals("needs")) {
                inventory.needs.computeIfAbsent(words[0], image -> new TreeSet<>()).addAll(listed);
            }
        }
        inventory.has.forEach((image, programs) -> programs.forEach(program -> {
            if (inventory.lacks(image).contains(program)) {
                throw new IllegalArgumentException(FILE + ": " + image + " both has and lacks " + program);
            }
        }));
        return inventory;
    }

    Set<String> has(String image) {
        return has.getOrDefault(image, Set.of());
    }

    Set<String> lacks(String image) {
        return lacks.getOrDefault(image, Set.of());
    }

    /** One line per call of a program that its upstream image does not have, or of an image the file does not list. */
    List<String> problems(List<Call> calls) {
        Set<String> problems = new TreeSet<>();
        for (Call call : calls) {
            String image = call.image();
            if (!has.containsKey(image) && !lacks.containsKey(image)) {
                problems.add(call.where() + ": image " + image + " is not in the inventory (" + FILE
                        + "); list what its upstream Dockerfile installs");
            } else if (lacks(image).contains(call.program())) {
                problems.add(call.where() + ": " + image + " calls " + call.program()
                        + ", which the upstream image lacks (inventory: " + FILE + ")");
            } else if (!has(image).contains(call.program())) {
                problems.add(call.where() + ": " + image + " calls " + call.program()
                        + ", which the upstream image does not have (inventory: " + FILE + ")");
            }
        }
        return new ArrayList<>(problems);
    }

    /** The "has" programs no call starts in that image: entries nothing in the repository needs any more. */
    List<String> unused(List<Call> calls) {
        List<String> unused = new ArrayList<>();
        has.forEach((image, programs) -> programs.forEach(program -> {
            if (!needs.getOrDefault(image, Set.of()).contains(program) && calls.stream().noneMatch(c -> c.image().equals(image) && c.program().equals(program))) {
                unused.add(FILE + ": " + image + " has " + program + ", but nothing in the repository calls it there");
            }
        }));
        return unused;
    }
}
