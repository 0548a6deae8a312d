package hellochain;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

@Controller(produces = {MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
class ChainController {

    private final Chain chain;

    ChainController(Chain chain) {
        this.chain = chain;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> hello(HttpRequest<?> request) {
        Hops hops = chain.call();
        return Negotiation.wantsJson(request)
                ? HttpResponse.ok(hops).contentType(MediaType.APPLICATION_JSON_TYPE)
                : HttpResponse.ok(hops.asText()).contentType(MediaType.TEXT_PLAIN_TYPE);
    }
}
