package auth.login;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;
import java.net.InetAddress;

/** One login attempt: the throttle, the password check, then Micronaut Security's signed access token. */
@Singleton
class Logins {

    private final LoginThrottle throttle;
    private final Accounts accounts;
    private final AccessRefreshTokenGenerator tokens;

    Logins(LoginThrottle throttle, Accounts accounts, AccessRefreshTokenGenerator tokens) {
        this.throttle = throttle;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /** Throws {@link LoginsThrottled} or {@link WrongCredentials}. */
    AccessRefreshToken attempt(Credentials credentials, InetAddress client) {
        throttle.check(credentials.username(), client);
        Account account = accounts.verify(credentials.username(), credentials.password()).orElse(null);
        if (account == null) {
            throttle.failed(credentials.username(), client);
            throw new WrongCredentials();
        }
        throttle.succeeded(credentials.username());
        return tokens.generate(Authentication.build(account.username(), account.roleList()))
                .orElseThrow(() -> new IllegalStateException("Micronaut Security generated no token"));
    }
}
