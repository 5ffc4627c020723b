package wslab.simon;

import org.junit.jupiter.api.DisplayName;
import wslab.checks.rules.SimonRules;

/** The Simon game's checks: every rule in checks/src/main/java/wslab/checks/rules/SimonRules.java. */
@DisplayName("simon")
class SimonTest extends SimonRules {
}
