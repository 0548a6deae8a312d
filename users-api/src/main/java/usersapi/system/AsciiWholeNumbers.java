package usersapi.system;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.MutableConversionService;
import io.micronaut.core.convert.TypeConverterRegistrar;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Ids, pages and sizes are ASCII digits: the JDK also reads "+1" and "١" (Arabic-Indic one) as 1, so
 * DELETE /users/%D9%A1 deleted user 1. Anything else is a conversion error, a 400 naming the parameter.
 */
@Singleton
class AsciiWholeNumbers implements TypeConverterRegistrar {

    private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");

    @Override
    public void register(MutableConversionService conversions) {
        for (Class<? extends CharSequence> source : List.of(CharSequence.class, String.class)) {
            conversions.addConverter(source, Long.class, (text, type, context) -> parse(text, Long::valueOf, context));
            conversions.addConverter(source, Integer.class, (text, type, context) -> parse(text, Integer::valueOf, context));
        }
    }

    private static <N> Optional<N> parse(CharSequence text, Function<String, N> parser,
                                         ConversionContext context) {
        String value = text.toString();
        try {
            if (WHOLE.matcher(value).matches()) {
                return Optional.of(parser.apply(value));
            }
            context.reject(value, new NumberFormatException("not a whole number in ASCII digits: " + value));
        } catch (NumberFormatException e) {
            context.reject(value, e);
        }
        return Optional.empty();
    }
}
