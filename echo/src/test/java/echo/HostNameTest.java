package echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class HostNameTest {

    @Test
    void fallsBackToTheHostNameTheJdkReportsWhenUnset() {
        // The runtime's name is "<pid>@<host name>", which the JDK works out on its own.
        String runtimeName = ManagementFactory.getRuntimeMXBean().getName();

        assertEquals(runtimeName.substring(runtimeName.indexOf('@') + 1), new HostName("").value());
    }

    @Test
    void prefersTheConfiguredName() {
        assertEquals("echo-5f7b9c8d4-2xk8q", new HostName("echo-5f7b9c8d4-2xk8q").value());
    }
}
