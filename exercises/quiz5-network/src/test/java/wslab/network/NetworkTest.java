package wslab.network;

import org.junit.jupiter.api.DisplayName;
import wslab.selfcheck.NetworkRules;

/** Quiz 5's checks: every rule in checks/src/main/java/wslab/selfcheck/NetworkRules.java. */
@DisplayName("quiz5-network")
class NetworkTest extends NetworkRules {
}
