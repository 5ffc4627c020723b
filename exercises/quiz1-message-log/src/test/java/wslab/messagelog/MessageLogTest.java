package wslab.messagelog;

import org.junit.jupiter.api.DisplayName;
import wslab.checks.rules.MessageLogRules;

/** Quiz 1's checks: every rule in checks/src/main/java/wslab/checks/rules/MessageLogRules.java. */
@DisplayName("quiz1-message-log")
class MessageLogTest extends MessageLogRules {
}
