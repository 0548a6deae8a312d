package usersapi.users;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.body.JsonMessageHandler;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The body of POST /users, read strictly before it is mapped: well-formed UTF-8 (Jackson decodes the overlong
 * C0 AF as "/") and one JSON value with nothing after it (Jackson stops after the first and ignores a stray "}").
 */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
class NewUserReader implements MessageBodyReader<NewUser>, Ordered {

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonMapper mapper;

    NewUserReader(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** Ahead of Micronaut's own JSON reader, which would take the body as it is. */
    @Override
    public int getOrder() {
        return JsonMessageHandler.ORDER - 1;
    }

    @Override
    public NewUser read(Argument<NewUser> type, MediaType mediaType, Headers headers, InputStream body) throws CodecException {
        try {
            byte[] bytes = body.readAllBytes();
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                throw new JsonParseException(null, "the body is not well-formed UTF-8");
            }
            try (JsonParser parser = JSON.createParser(bytes)) {
                parser.nextToken();
                parser.skipChildren();
                if (parser.nextToken() != null) {
                    throw new JsonParseException(parser, "content after the JSON value");
                }
            }
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new CodecException("the body is not the expected JSON", e);
        }
    }
}
