package wslab.grader;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs a lesson's checks (JUnit Jupiter classes) through the JUnit Platform launcher, on given server code. */
public final class CheckRunner {

    /** One check's outcome. */
    public record Check(String name, boolean passed, String message, String note, double seconds) {

        /** How the message of a check that did not run begins: a check skipped, or aborted (a page check without a browser). */
        public static final String NOT_RUN = "not run: ";

        public Check(String name, boolean passed, String message) {
            this(name, passed, message, "", 0);
        }

        /** A check that did not run (it earns nothing, and the reports say so rather than that it failed). */
        public boolean notRun() {
            return !passed && message.startsWith(NOT_RUN);
        }
    }

    private CheckRunner() {
    }

    /**
     * Runs the checks compiled into {@code checkClasses} (whose shared support {@code parent} loads)
     * with the configuration {@code parameters}: where the server's code is, the pages, the screenshots.
     */
    public static List<Check> run(ClassLoader parent, Path checkClasses, Map<String, String> parameters) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {url(checkClasses)}, parent)) {
            Thread.currentThread().setContextClassLoader(loader);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClasspathRoots(Set.of(checkClasses)))
                    .configurationParameters(parameters)
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    .configurationParameter("junit.jupiter.execution.timeout.default", "60 s")
                    .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                    .build();
            Launcher launcher = LauncherFactory.create();
            Recorder recorder = new Recorder();
            launcher.execute(request, recorder);
            return recorder.checks();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** The names of the checks compiled into {@code checkClasses}, without running them. */
    public static List<String> names(ClassLoader parent, Path checkClasses) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {url(checkClasses)}, parent)) {
            Thread.currentThread().setContextClassLoader(loader);
            TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClasspathRoots(Set.of(checkClasses))).build());
            List<String> names = new ArrayList<>();
            plan.getRoots().forEach(root -> plan.getDescendants(root).stream()
                    .filter(TestIdentifier::isTest).forEach(t -> names.add(t.getDisplayName())));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }

    /** Records each check; a class whose server did not start fails all its checks, saying why. */
    private static final class Recorder implements TestExecutionListener {
        private final Map<String, Check> checks = Collections.synchronizedMap(new LinkedHashMap<>());
        private final Map<String, String> notes = Collections.synchronizedMap(new LinkedHashMap<>());
        private final Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();
        private TestPlan plan;

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            started.put(id.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            String message = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("");
            boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            boolean waiting = message.startsWith("cannot check until"); // aborted too: the lesson's basic rule fails
            if (result.getStatus() == TestExecutionResult.Status.ABORTED && !waiting && !message.startsWith(Check.NOT_RUN)) {
                message = Check.NOT_RUN + message; // a page check graded without a browser
            }
            if (id.isTest()) {
                double seconds = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1e9;
                checks.put(id.getUniqueId(), new Check(id.getDisplayName(), passed, message,
                        notes.getOrDefault(id.getUniqueId(), ""), seconds));
            } else if (!passed) {
                for (TestIdentifier test : plan.getDescendants(id)) {
                    if (test.isTest() && !checks.containsKey(test.getUniqueId())) {
                        checks.put(test.getUniqueId(), new Check(test.getDisplayName(), false,
                                "cannot check until the server starts:\n" + message));
                    }
                }
            }
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, org.junit.platform.engine.reporting.ReportEntry entry) {
            entry.getKeyValuePairs().forEach((key, value) -> notes.merge(id.getUniqueId(), value, (a, b) -> a + "\n" + b));
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            for (TestIdentifier test : id.isTest() ? List.of(id) : plan.getDescendants(id)) {
                if (test.isTest()) {
                    checks.put(test.getUniqueId(), new Check(test.getDisplayName(), false, Check.NOT_RUN + reason));
                }
            }
        }

        List<Check> checks() {
            return new ArrayList<>(checks.values());
        }
    }
}
