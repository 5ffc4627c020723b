package wslab.plumbing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import wslab.checks.harness.LessonProcess;
import wslab.checks.rules.EchoRules;
import wslab.checks.rules.Enforces;
import wslab.checks.rules.Rule;

/**
 * The launcher keeps every rule that RULES.md sets for all lessons (A1 to A7: options, ready line, taken port,
 * clean stop, bad input), shown on a small echo server that uses it as a lesson does.
 */
@DisplayName("the launcher, on a small echo server")
class LauncherTest extends EchoRules {

    @Test
    @Enforces(Rule.A1)
    @DisplayName("--help prints the usage and every option on stdout, and exits with status 0")
    void help() {
        LessonProcess helped = launch(List.of("--help"));
        OptionalInt status = helped.awaitExit(Duration.ofSeconds(10));
        String printed = String.join("\n", helped.stdout().lines());
        assertEquals(OptionalInt.of(0), status, printed);
        assertTrue(printed.contains("usage:"), printed);
        for (String option : List.of("--host", "--port", "--help", "the port to listen on (default: 9000)")) {
            assertTrue(printed.contains(option), option + " in:\n" + printed);
        }
        assertTrue(helped.stderr().lines().isEmpty(), "nothing on stderr: " + helped.stderr().lines());
    }
}
