package wslab.replies;

import org.junit.jupiter.api.DisplayName;
import wslab.checks.rules.RandomRepliesRules;

/** Quiz 4's checks: every rule in checks/src/main/java/wslab/checks/rules/RandomRepliesRules.java. */
@DisplayName("quiz4-random-replies")
class RandomRepliesTest extends RandomRepliesRules {
}
