package hellochain;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.client.annotation.Client;

/** The next service in the chain; its URL and timeouts are {@code micronaut.http.services.upstream.*}. */
@Client(id = "upstream")
@Requires(property = "upstream.url")
@Header(name = "Accept", value = MediaType.APPLICATION_JSON)
interface UpstreamClient {

    @Get
    Hops hops();
}
