package auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
class StartupLog implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StartupLog.class);

    private final String name;
    private final String version;

    StartupLog(@Value("${micronaut.application.name}") String name, @Value("${app.version}") String version) {
        this.name = name;
        this.version = version;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        LOG.info("{} {} listening on port {}", name, version, event.getSource().getPort());
    }
}
