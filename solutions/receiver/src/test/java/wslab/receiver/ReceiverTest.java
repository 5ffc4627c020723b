package wslab.receiver;

import org.junit.jupiter.api.DisplayName;
import wslab.checks.rules.ReceiverRules;

/** The receiver's checks: every rule in checks/src/main/java/wslab/checks/rules/ReceiverRules.java. */
@DisplayName("receiver")
class ReceiverTest extends ReceiverRules {
}
