package usersapi.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenSignatureValidator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import usersapi.TestProperties;
import usersapi.system.DatabaseSettings;

class SignatureCacheTest {

    private static final Argument<ReactiveJsonWebTokenSignatureValidator> SIGNATURE_CHECK =
            Argument.of(ReactiveJsonWebTokenSignatureValidator.class, SignedJWT.class);

    @Test
    void checksSignaturesThroughTheCacheOfVerifiedOnesWhenWritesNeedAToken() {
        try (JwksStub jwks = JwksStub.serving(Tokens.key("key-1")); EmbeddedServer server = start(Map.of("AUTH_JWKS_URL", jwks.url()))) {
            assertInstanceOf(VerifiedSignatures.class, server.getApplicationContext().getBean(SIGNATURE_CHECK));
        }
    }

    @Test
    void addsNoCacheWithWritesOpen() {
        try (EmbeddedServer server = start(Map.of())) {
            assertFalse(server.getApplicationContext().containsBean(SignatureCache.class));
        }
    }

    private static EmbeddedServer start(Map<String, String> env) {
        Map<String, Object> properties = Map.copyOf(TestProperties.of(DatabaseSettings.fromEnv(Map.of()), AuthSettings.fromEnv(env)));
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }
}
