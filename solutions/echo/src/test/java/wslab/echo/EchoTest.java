package wslab.echo;

import org.junit.jupiter.api.DisplayName;
import wslab.selfcheck.EchoRules;

/** The echo bot's checks: every rule in checks/src/main/java/wslab/selfcheck/EchoRules.java. */
@DisplayName("echo")
class EchoTest extends EchoRules {
}
