package echo;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The replica's name: HOSTNAME (the pod name on Kubernetes, the container id on compose), else the machine's. */
@Singleton
class HostName {

    private final String value;

    HostName(@Value("${echo.hostname:}") String configured) {
        this.value = configured.isBlank() ? machineHostName() : configured;
    }

    String value() {
        return value;
    }

    static String machineHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
