package usersapi.users;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/** A JSON string and nothing else: serde's own reader takes {@code 5} or {@code true} for the text "5" or "true". */
@Singleton
class JsonStringOnly implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (value instanceof String text) {
            return text;
        }
        throw decoder.createDeserializationException("expected a JSON string", value);
    }
}
