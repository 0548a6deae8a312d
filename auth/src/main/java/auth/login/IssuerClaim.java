package auth.login;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.security.token.claims.ClaimsAudienceProvider;
import io.micronaut.security.token.claims.JtiGenerator;
import io.micronaut.security.token.config.TokenConfiguration;
import io.micronaut.security.token.jwt.generator.claims.JWTClaimsSetGenerator;
import jakarta.inject.Singleton;

/** Micronaut Security's claims, with iss from AUTH_ISSUER: its own would be the application's name. */
@Singleton
@Replaces(JWTClaimsSetGenerator.class)
class IssuerClaim extends JWTClaimsSetGenerator {

    private final String issuer;

    IssuerClaim(TokenConfiguration tokenConfiguration, @Nullable JtiGenerator jti, @Nullable ClaimsAudienceProvider audience,
                ApplicationConfiguration application, TokenSettings settings) {
        super(tokenConfiguration, jti, audience, application);
        this.issuer = settings.issuer();
    }

    @Override
    protected void populateIss(JWTClaimsSet.Builder builder) {
        builder.issuer(issuer);
    }
}
