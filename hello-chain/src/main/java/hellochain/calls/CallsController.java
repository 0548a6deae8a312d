package hellochain.calls;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** GET /calls: the latest recorded calls, newest first; only exists when a database is configured. */
@Controller("/calls")
@Requires(property = "datasources.default.url")
class CallsController {

    static final int MAX_SIZE = 100;

    private final CallRepository calls;

    CallsController(CallRepository calls) {
        this.calls = calls;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    List<Call> latest(@QueryValue(defaultValue = "20") int size) {
        int bounded = Math.max(1, Math.min(size, MAX_SIZE));
        return calls.list(Pageable.from(0, bounded, Sort.of(Sort.Order.desc("id"))));
    }
}
