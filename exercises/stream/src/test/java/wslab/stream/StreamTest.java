package wslab.stream;

import org.junit.jupiter.api.DisplayName;
import wslab.checks.rules.StreamRules;

/** Lesson 4's checks: every rule in checks/src/main/java/wslab/checks/rules/StreamRules.java. */
@DisplayName("stream")
class StreamTest extends StreamRules {
}
