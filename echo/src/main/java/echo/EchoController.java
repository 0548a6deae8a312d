package echo;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;

/** Echoes any method on any path; the path variable only lets the route match everything below {@code /}. */
@Controller(produces = {MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
class EchoController {

    private static final String ANY_PATH = "/{+path}";

    private final HostName hostName;

    EchoController(HostName hostName) {
        this.hostName = hostName;
    }

    @Get(uris = {"/", ANY_PATH})
    HttpResponse<?> get(HttpRequest<?> request, @PathVariable @Nullable String path) {
        return echo(request);
    }

    @Post(uris = {"/", ANY_PATH}, consumes = MediaType.ALL)
    HttpResponse<?> post(HttpRequest<?> request, @PathVariable @Nullable String path) {
        return echo(request);
    }

    @Put(uris = {"/", ANY_PATH}, consumes = MediaType.ALL)
    HttpResponse<?> put(HttpRequest<?> request, @PathVariable @Nullable String path) {
        return echo(request);
    }

    @Patch(uris = {"/", ANY_PATH}, consumes = MediaType.ALL)
    HttpResponse<?> patch(HttpRequest<?> request, @PathVariable @Nullable String path) {
        return echo(request);
    }

    @Delete(uris = {"/", ANY_PATH}, consumes = MediaType.ALL)
    HttpResponse<?> delete(HttpRequest<?> request, @PathVariable @Nullable String path) {
        return echo(request);
    }

    private HttpResponse<?> echo(HttpRequest<?> request) {
        Echo echo = new Echo(hostName.value(), request.getMethodName(), request.getPath());
        boolean json = request.getHeaders().accept().stream()
                .anyMatch(type -> type.matches(MediaType.APPLICATION_JSON_TYPE) && !type.equals(MediaType.ALL_TYPE));
        return json
                ? HttpResponse.ok(echo).contentType(MediaType.APPLICATION_JSON_TYPE)
                : HttpResponse.ok(echo.asText()).contentType(MediaType.TEXT_PLAIN_TYPE);
    }
}
