package wslab.plumbing;

import org.junit.jupiter.api.DisplayName;
import wslab.selfcheck.EchoRules;

/**
 * The launcher keeps every rule that LESSONS.md sets for all lessons (options, ready line, taken port,
 * clean stop, bad input), shown on a small echo server that uses it as a lesson does.
 */
@DisplayName("the launcher, on a small echo server")
class LauncherTest extends EchoRules {
}
