package hellochain;

import hellochain.calls.CallLog;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/** This service's hop: the end of the chain, or a call to the upstream with this hop put in front. */
@Singleton
class Chain {

    private final Optional<UpstreamClient> upstream;
    private final String upstreamUrl;
    private final String service;
    private final EmbeddedServer server;
    private final CallLog calls;

    Chain(Optional<UpstreamClient> upstream,
          @Value("${micronaut.http.services.upstream.url}") String upstreamUrl,
          @Value("${micronaut.application.name}") String service,
          EmbeddedServer server,
          CallLog calls) {
        this.upstream = upstream;
        this.upstreamUrl = upstreamUrl;
        this.service = service;
        this.server = server;
        this.calls = calls;
    }

    Hops call() {
        if (upstream.isEmpty()) {
            return new Hops(List.of(Hop.last(service, host(), server.getPort())));
        }
        long start = System.nanoTime();
        Hops rest;
        try {
            rest = callUpstream(upstream.get());
        } catch (UpstreamFailure failure) {
            calls.record(upstreamUrl, failure.status().getCode(), (System.nanoTime() - start) / 1_000_000);
            throw failure;
        }
        long latencyMs = (System.nanoTime() - start) / 1_000_000;
        calls.record(upstreamUrl, HttpStatus.OK.getCode(), latencyMs);
        return rest.prepend(new Hop(service, host(), server.getPort(), upstreamUrl, latencyMs));
    }

    private Hops callUpstream(UpstreamClient client) {
        try {
            Hops hops = client.hops();
            if (hops == null || hops.hops() == null || hops.hops().isEmpty()) {
                throw new UpstreamFailure(HttpStatus.BAD_GATEWAY, upstreamUrl, "upstream answered without hops", null);
            }
            return hops;
        } catch (ReadTimeoutException e) {
            throw new UpstreamFailure(HttpStatus.GATEWAY_TIMEOUT, upstreamUrl, "upstream timed out", e);
        } catch (HttpClientResponseException e) {
            throw new UpstreamFailure(HttpStatus.BAD_GATEWAY, upstreamUrl, "upstream answered " + e.code(), e);
        } catch (HttpClientException e) {
            throw new UpstreamFailure(HttpStatus.BAD_GATEWAY, upstreamUrl, "upstream unreachable", e);
        }
    }

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
