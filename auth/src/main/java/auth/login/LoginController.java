package auth.login;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

/** POST /auth/login: a JSON username and password in, a bearer token (BearerAccessRefreshToken's JSON) out. */
@Controller("/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
class LoginController {

    private final Logins logins;
    private final ClientAddress clientAddress;

    LoginController(Logins logins, ClientAddress clientAddress) {
        this.logins = logins;
        this.clientAddress = clientAddress;
    }

    @Post(uri = "/login", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> login(@Body @Valid Credentials credentials, HttpRequest<?> request) {
        var token = logins.attempt(credentials, clientAddress.of(request));
        // RFC 6749, 5.1: a response carrying a token must not be cached.
        return HttpResponse.ok(token).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
