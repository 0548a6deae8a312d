package echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HostNameTest {

    @Test
    void fallsBackToTheMachineHostNameWhenUnset() {
        assertEquals(HostName.machineHostName(), new HostName("").value());
    }

    @Test
    void takesThePortFromTheFirstArgument() {
        assertEquals(Map.of("micronaut.server.port", 8080), Application.portArgument(new String[] {"8080"}));
        assertEquals(Map.of(), Application.portArgument(new String[] {"-micronaut.server.port=1"}));
        assertEquals(Map.of(), Application.portArgument(new String[0]));
    }

    @Test
    void rejectsANonNumericFirstArgument() {
        assertThrows(IllegalArgumentException.class, () -> Application.portArgument(new String[] {"eighty"}));
    }
}
