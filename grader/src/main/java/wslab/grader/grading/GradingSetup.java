package wslab.grader.grading;

import wslab.grading.SandboxUse;

/**
 * What a grading ran on, as every report says it: the browser of the page checks, the sandbox, the servers' JDK.
 *
 * @param browser which browser and driver the page checks used; empty when none was started
 * @param sandbox the sandbox the servers ran in, or why none
 * @param servers the servers' JDK and class-data archive
 */
public record GradingSetup(String browser, SandboxUse sandbox, ServerRuntime servers) {
}
