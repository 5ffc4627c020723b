package wslab.network;

import org.junit.jupiter.api.DisplayName;
import wslab.checks.rules.NetworkRules;

/** Quiz 5's checks: every rule in checks/src/main/java/wslab/checks/rules/NetworkRules.java. */
@DisplayName("quiz5-network")
class NetworkTest extends NetworkRules {
}
