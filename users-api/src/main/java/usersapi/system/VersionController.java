package usersapi.system;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

@Controller("/version")
@Secured(SecurityRule.IS_ANONYMOUS)
class VersionController {

    private final String version;

    VersionController(@Value("${app.version}") String version) {
        this.version = version;
    }

    @Get(produces = MediaType.TEXT_PLAIN)
    String version() {
        return version + "\n";
    }
}
