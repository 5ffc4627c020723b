package wslab.receiver;

import org.junit.jupiter.api.DisplayName;
import wslab.selfcheck.ReceiverRules;

/** The receiver's checks: every rule in checks/src/main/java/wslab/selfcheck/ReceiverRules.java. */
@DisplayName("receiver")
class ReceiverTest extends ReceiverRules {
}
