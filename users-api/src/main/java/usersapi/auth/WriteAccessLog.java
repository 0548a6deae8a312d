package usersapi.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line at start saying who may write: anyone (no AUTH_JWKS_URL), or holders of a token with the role. */
@Singleton
class WriteAccessLog implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(WriteAccessLog.class);

    private final boolean secured;
    private final String jwksUrl;

    WriteAccessLog(@Value("${micronaut.security.enabled:true}") boolean secured,
                   @Value("${" + AuthSettings.JWKS_PREFIX + ".url:}") String jwksUrl) {
        this.secured = secured;
        this.jwksUrl = jwksUrl;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (secured) {
            LOG.info("POST and DELETE /users need a bearer JWT with the role {}, checked against the keys at {}",
                    Roles.USERS_WRITE, jwksUrl);
        } else {
            LOG.warn("AUTH_JWKS_URL is not set: POST and DELETE /users are open to anyone, without a token; "
                    + "set AUTH_JWKS_URL to the auth service's keys to require a JWT with the role {}", Roles.USERS_WRITE);
        }
    }
}
