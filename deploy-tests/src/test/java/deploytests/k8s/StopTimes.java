package deploytests.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long each image takes to stop after SIGTERM at most, in seconds, read from the sources that set it. */
public final class StopTimes {

    private static final Pattern MICRONAUT_GRACE = Pattern.compile("grace-period: (\\d+)s");
    private static final Pattern HELLO1400_GRACE = Pattern.compile("SHUTDOWN_GRACE_SECONDS = (\\d+);");
    private static final Pattern NGINX_READ_TIMEOUT = Pattern.compile("proxy_read_timeout (\\d+)s;");

    private StopTimes() {
    }

    public static Map<String, Integer> of(Path root, Modules modules) {
        Map<String, Integer> seconds = new HashMap<>();
        for (String module : modules.micronaut()) {
            Path config = root.resolve(module).resolve("src/main/resources/application.yml");
            if (read(config).contains("graceful-shutdown")) {
                seconds.put(module, number(MICRONAUT_GRACE, config));
            }
        }
        // The listener's grace, then the same again for the worker pool (Hello1400.stop).
        seconds.put("hello1400", 2 * number(HELLO1400_GRACE, root.resolve("hello1400/src/main/java/hello1400/Hello1400.java")));
        // nginx's graceful quit waits for in-flight requests, each bounded by the upstream read timeout.
        seconds.put("gateway", number(NGINX_READ_TIMEOUT, root.resolve("gateway/templates/default.conf.template")));
        return Map.copyOf(seconds);
    }

    private static int number(Pattern pattern, Path file) {
        Matcher m = pattern.matcher(read(file));
        if (!m.find()) {
            throw new IllegalStateException(file + " no longer matches " + pattern + ": update StopTimes");
        }
        return Integer.parseInt(m.group(1));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
