package hello1401;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/** The access logger's lines as LOG_FORMAT=json prints them, caught behind logback.xml's trace-id appender. */
final class AccessLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Queue<byte[]> lines = new ConcurrentLinkedQueue<>();
    private final LogstashEncoder encoder = new LogstashEncoder();
    private final AppenderAttachable<ILoggingEvent> out;
    private final JsonMapper json;

    @SuppressWarnings("unchecked")
    AccessLines(JsonMapper json) {
        this.json = json;
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        out = (AppenderAttachable<ILoggingEvent>) logback.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("out");
        setContext(logback);
        encoder.setContext(logback);
        encoder.start();
        start();
        out.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if ("access".equals(event.getLoggerName())) {
            lines.add(encoder.encode(event));
        }
    }

    /** Each line read back as the JSON object it is. */
    List<Map<String, Object>> lines() {
        return lines.stream().map(line -> {
            try {
                return json.readValue(line, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** The one line logged, failing if there were none or several. */
    Map<String, Object> single() {
        List<Map<String, Object>> all = lines();
        if (all.size() != 1) {
            throw new AssertionError("expected one access line, got " + all);
        }
        return all.get(0);
    }

    @Override
    public void close() {
        out.detachAppender(this);
        stop();
    }
}
