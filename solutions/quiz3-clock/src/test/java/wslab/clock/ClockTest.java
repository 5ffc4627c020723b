package wslab.clock;

import org.junit.jupiter.api.DisplayName;
import wslab.selfcheck.ClockRules;

/** Quiz 3's checks: every rule in checks/src/main/java/wslab/selfcheck/ClockRules.java. */
@DisplayName("quiz3-clock")
class ClockTest extends ClockRules {
}
