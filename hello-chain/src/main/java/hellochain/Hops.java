package hellochain;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;

/** The whole chain as seen from the service that answered the client, first hop first. */
@Serdeable
record Hops(List<Hop> hops) {

    Hops prepend(Hop hop) {
        List<Hop> all = new ArrayList<>(hops.size() + 1);
        all.add(hop);
        all.addAll(hops);
        return new Hops(List.copyOf(all));
    }

    String asText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < hops.size(); i++) {
            text.append("hop ").append(i + 1).append(": ").append(hops.get(i).asText()).append('\n');
        }
        return text.toString();
    }
}
