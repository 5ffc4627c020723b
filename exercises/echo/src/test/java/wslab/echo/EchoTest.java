package wslab.echo;

import org.junit.jupiter.api.DisplayName;
import wslab.checks.rules.EchoRules;

/** The echo bot's checks: every rule in checks/src/main/java/wslab/checks/rules/EchoRules.java. */
@DisplayName("echo")
class EchoTest extends EchoRules {
}
