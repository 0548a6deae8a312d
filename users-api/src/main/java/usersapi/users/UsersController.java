package usersapi.users;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import usersapi.auth.Roles;

/** Reads are public; writes need a token with the role users:write, unless AUTH_JWKS_URL is unset (AuthSettings). */
@Controller("/users")
@ExecuteOn(TaskExecutors.BLOCKING)
class UsersController {

    static final int MAX_PAGE_SIZE = 1000;

    private final Users users;

    UsersController(Users users) {
        this.users = users;
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    List<User> list(@QueryValue(defaultValue = "0") @Min(0) int page,
                    @QueryValue(defaultValue = "100") @Min(1) int size) {
        return users.page(page, Math.min(size, MAX_PAGE_SIZE));
    }

    @Get("/{id}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    User find(long id) {
        return users.find(id).orElseThrow(() -> notFound(id));
    }

    @Post
    @Secured(Roles.USERS_WRITE)
    @SecurityRequirement(name = "bearer")
    HttpResponse<User> create(HttpRequest<?> request, @Body @Valid NewUser user) {
        // Without a Content-Type, Micronaut reads the body as JSON anyway.
        if (request.getContentType().isEmpty()) {
            throw new HttpStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the body needs Content-Type: application/json");
        }
        User created = users.create(user);
        return HttpResponse.created(created, URI.create("/users/" + created.id()));
    }

    @Delete("/{id}")
    @Secured(Roles.USERS_WRITE)
    @SecurityRequirement(name = "bearer")
    HttpResponse<Void> delete(long id) {
        if (!users.delete(id)) {
            throw notFound(id);
        }
        return HttpResponse.noContent();
    }

    private static HttpStatusException notFound(long id) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "no user with id " + id);
    }
}
