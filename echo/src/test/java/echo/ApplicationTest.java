package echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line: the port may come first, as the original echo app took it. */
class ApplicationTest {

    @Test
    void takesThePortFromTheFirstArgument() {
        assertEquals(Map.of("micronaut.server.port", 1404), Application.portArgument(new String[] {"1404"}));
    }

    @Test
    void leavesThePortToPortWithoutAnArgumentOrWithAnOption() {
        assertEquals(Map.of(), Application.portArgument(new String[0]));
        assertEquals(Map.of(), Application.portArgument(new String[] {"-micronaut.server.port=1"}));
    }

    @Test
    void rejectsANonNumericFirstArgument() {
        assertThrows(IllegalArgumentException.class, () -> Application.portArgument(new String[] {"eighty"}));
    }
}
