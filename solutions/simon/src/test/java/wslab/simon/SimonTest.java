package wslab.simon;

import org.junit.jupiter.api.DisplayName;
import wslab.selfcheck.SimonRules;

/** The Simon game's checks: every rule in checks/src/main/java/wslab/selfcheck/SimonRules.java. */
@DisplayName("simon")
class SimonTest extends SimonRules {
}
