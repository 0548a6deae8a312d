package auth;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line per request on the "access" logger, when ACCESS_LOG=true; logback.xml adds the request's trace id. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "access-log.enabled", value = "true")
class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("access");
    private static final String STARTED = AccessLog.class.getName() + ".started";

    @RequestFilter
    void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    void log(HttpRequest<?> request, HttpResponse<?> response) {
        String path = request.getPath();
        // Probes and scrapes come every few seconds from every pod: they would bury the requests worth reading.
        if (path.startsWith("/health") || path.equals("/prometheus")) {
            return;
        }
        long started = request.getAttribute(STARTED, Long.class).orElseGet(System::nanoTime);
        double durationMs = (System.nanoTime() - started) / 1_000 / 1_000.0;
        String method = request.getMethodName();
        int status = response.code();
        LOG.atInfo().addKeyValue("method", method).addKeyValue("path", path).addKeyValue("status", status)
                .addKeyValue("duration_ms", durationMs).log("{} {} {} {} ms", method, path, status, durationMs);
    }
}
