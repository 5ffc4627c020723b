package wslab.grading;

import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * What the grader asks of the checks' shared support, besides running the checks: the browser the page checks
 * share, the sandbox the servers run in, and where the time went. The support implements it and registers the
 * implementation in {@code META-INF/services/wslab.grading.CheckSupport}; the grader finds it with
 * {@link ServiceLoader} in the class loader it loads the support with ({@link #in}), so that it names no class
 * of the support.
 */
public interface CheckSupport {

    /**
     * The support that {@code loader} holds: the implementation it registers.
     *
     * @throws IllegalStateException when it registers none, or one that cannot be loaded
     */
    static CheckSupport in(ClassLoader loader) {
        String registration = "META-INF/services/" + CheckSupport.class.getName();
        try {
            return ServiceLoader.load(CheckSupport.class, loader).findFirst().orElseThrow(() -> new IllegalStateException(
                    "the checks' support registers no implementation of " + CheckSupport.class.getName()
                            + " (" + registration + ")"));
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("the checks' support registers an implementation of "
                    + CheckSupport.class.getName() + " that cannot be loaded (" + registration + "): " + e.getMessage(), e);
        }
    }

    /**
     * Starts the browser the page checks share now, before any check, with the grader's {@code settings}
     * (configuration parameters by their {@link Setting#key() keys}), so that a grader without one stops at once.
     *
     * @throws RuntimeException when no browser can be started: its message's first line says what to install
     */
    void requireBrowser(Map<String, String> settings);

    /** Which browser and driver the page checks used, for the reports; empty when none was started. */
    String browser();

    /** Quits the browser the page checks shared, now (bounded): a later page check starts another. */
    void quitBrowser();

    /** The sandbox the servers run in and its limits, or why they run without one. Found once (it starts one sandbox to try it). */
    SandboxUse sandbox();

    /** Where the time went so far: the servers that became ready, and the browser's start. */
    Timings timings();

    /** The {@code java} command of {@code jdk} and the options the lesson servers run with: the servers' archive is made with them. */
    List<String> serverJava(ServerJdk jdk);

    /**
     * @param serverStarts   the servers that printed their ready line
     * @param serverSeconds  the seconds those took to start, in all
     * @param browserSeconds the seconds the browser took to start (0 when none was started)
     */
    record Timings(long serverStarts, double serverSeconds, double browserSeconds) {
    }
}
