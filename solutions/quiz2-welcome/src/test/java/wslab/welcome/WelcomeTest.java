package wslab.welcome;

import org.junit.jupiter.api.DisplayName;
import wslab.checks.rules.WelcomeRules;

/** Quiz 2's checks: every rule in checks/src/main/java/wslab/checks/rules/WelcomeRules.java. */
@DisplayName("quiz2-welcome")
class WelcomeTest extends WelcomeRules {
}
