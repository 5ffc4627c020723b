package wslab.clock;

import org.junit.jupiter.api.DisplayName;
import wslab.checks.rules.ClockRules;

/** Quiz 3's checks: every rule in checks/src/main/java/wslab/checks/rules/ClockRules.java. */
@DisplayName("quiz3-clock")
class ClockTest extends ClockRules {
}
