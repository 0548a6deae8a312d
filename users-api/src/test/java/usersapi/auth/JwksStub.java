package usersapi.auth;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The auth service's GET /auth/keys on a loopback port: the public halves of the keys it is given, until stopped. */
final class JwksStub implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String keys;

    private JwksStub(HttpServer server) {
        this.server = server;
    }

    static JwksStub serving(ECKey... keys) {
        try {
            JwksStub stub = new JwksStub(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
            stub.publish(keys);
            stub.server.createContext("/auth/keys", exchange -> {
                stub.fetches.incrementAndGet();
                byte[] body = stub.keys.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            stub.server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on the JWKS holds these keys and no others. */
    void publish(ECKey... keys) {
        List<JWK> jwks = Arrays.stream(keys).map(key -> (JWK) key.toPublicJWK()).toList();
        this.keys = new JWKSet(jwks).toString(true);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/auth/keys";
    }

    int fetches() {
        return fetches.get();
    }

    /** Down, as the auth service in an outage: connections to its port are refused. */
    @Override
    public void close() {
        server.stop(0);
    }
}
