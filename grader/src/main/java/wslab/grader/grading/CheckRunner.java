package wslab.grader.grading;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import wslab.grading.CheckOutcome;

/** Runs a lesson's checks (JUnit Jupiter classes) through the JUnit Platform launcher, on given server code. */
public final class CheckRunner {

    /**
     * Where a check comes from: the lesson's own rules, or a rule it keeps from the lessons it builds on
     * (every lesson's command line and robustness, the receiver's printing, the echo, Simon). The lesson's
     * own are those declared by the class that declares its own checks, as the checks' support decides it
     * ({@code LessonExtension.ownRules}): the most derived class, from the lesson's check class up, that
     * declares a check. A lesson's points are split by origin ({@link Scores#SPLIT}).
     */
    public enum Origin {
        THIS_LESSON("this lesson"),
        EARLIER_LESSONS("kept from earlier lessons");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        /** How the reports name it: "this lesson", "kept from earlier lessons". */
        public String label() {
            return label;
        }
    }

    /**
     * One check's outcome, and whether it is one of the lesson's own checks or one it keeps from earlier lessons.
     * Besides passed or failed, as the checks' failures tell it ({@link CheckOutcome}), never read from the message:
     * {@code waiting}, it could not check yet (it waits for the lesson's basic rule, for its server to start, or for
     * the lesson to compile); {@code notRun}, it did not run (it earns nothing, and the reports say so rather than
     * that it failed); {@code screenshot}, the page of a failed page check.
     */
    public record Check(String name, Origin origin, boolean passed, String message, String note, double seconds,
                        boolean waiting, boolean notRun, Optional<Path> screenshot) {

        /** How the message of a check that did not run begins: a check skipped, or aborted (a page check without a browser). */
        public static final String NOT_RUN = CheckOutcome.NOT_RUN;

        public Check {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(screenshot, "screenshot");
        }

        /** A check that passed, or failed with nothing to tell besides its message. */
        public Check(String name, Origin origin, boolean passed, String message, String note, double seconds) {
            this(name, origin, passed, message, note, seconds, false, false, Optional.empty());
        }

        public Check(String name, Origin origin, boolean passed, String message) {
            this(name, origin, passed, message, "", 0);
        }

        /** One of the lesson's own checks (as a lesson with no inherited check has only). */
        public Check(String name, boolean passed, String message) {
            this(name, Origin.THIS_LESSON, passed, message);
        }

        /** A check that failed because it could not check yet, for the reason {@code message}. */
        static Check waiting(String name, Origin origin, String message) {
            return new Check(name, origin, false, message, "", 0, true, false, Optional.empty());
        }

        /** A check that did not run, for {@code reason}. */
        static Check skipped(String name, Origin origin, String reason) {
            return new Check(name, origin, false, NOT_RUN + reason, "", 0, false, true, Optional.empty());
        }
    }

    /** What a failure that tells nothing besides its message tells. */
    private static final CheckOutcome PLAIN = new CheckOutcome() {
    };

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

    /**
     * Every check compiled into {@code checkClasses}, each with its origin, failed with {@code message}
     * without running them: a lesson that cannot be checked at all (they wait for it to compile, for one).
     */
    public static List<Check> failed(ClassLoader parent, Path checkClasses, String message) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {url(checkClasses)}, parent)) {
            Thread.currentThread().setContextClassLoader(loader);
            TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClasspathRoots(Set.of(checkClasses))).build());
            Map<String, Origin> origins = origins(plan);
            return tests(plan).stream().map(t -> Check.waiting(t.getDisplayName(),
                    origins.getOrDefault(t.getUniqueId(), Origin.THIS_LESSON), message)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * Each check's origin, by its unique id: {@link Origin#THIS_LESSON} when its Java method is declared by
     * the class that declares the lesson's own checks, the most derived class, from the check's class up,
     * that declares one of the plan's checks; {@link Origin#EARLIER_LESSONS} when a superclass declares it.
     * A check whose method cannot be told (not a Java method) counts as the lesson's own.
     */
    static Map<String, Origin> origins(TestPlan plan) {
        Map<String, MethodSource> sources = new HashMap<>();
        Map<Class<?>, Set<Class<?>>> declaring = new HashMap<>();
        for (TestIdentifier test : tests(plan)) {
            try {
                if (test.getSource().orElse(null) instanceof MethodSource source) {
                    declaring.computeIfAbsent(source.getJavaClass(), c -> new HashSet<>())
                            .add(source.getJavaMethod().getDeclaringClass());
                    sources.put(test.getUniqueId(), source);
                }
            } catch (RuntimeException | LinkageError e) {
                // a method this loader cannot find: counted as the lesson's own
            }
        }
        Map<String, Origin> origins = new HashMap<>();
        sources.forEach((id, source) -> origins.put(id, source.getJavaMethod().getDeclaringClass()
                .equals(ownRules(source.getJavaClass(), declaring.get(source.getJavaClass())))
                ? Origin.THIS_LESSON : Origin.EARLIER_LESSONS));
        return origins;
    }

    private static List<TestIdentifier> tests(TestPlan plan) {
        List<TestIdentifier> tests = new ArrayList<>();
        plan.getRoots().forEach(root -> plan.getDescendants(root).stream().filter(TestIdentifier::isTest).forEach(tests::add));
        return tests;
    }

    /** The most derived class, from {@code checkClass} up, among those that declare its checks. */
    private static Class<?> ownRules(Class<?> checkClass, Set<Class<?>> declaring) {
        for (Class<?> type = checkClass; type != null; type = type.getSuperclass()) {
            if (declaring.contains(type)) {
                return type;
            }
        }
        return checkClass;
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
        private Map<String, Origin> origins = Map.of();

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
            this.origins = origins(testPlan);
        }

        private Origin origin(TestIdentifier test) {
            return origins.getOrDefault(test.getUniqueId(), Origin.THIS_LESSON);
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            started.put(id.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            String message = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("");
            CheckOutcome outcome = result.getThrowable().filter(CheckOutcome.class::isInstance)
                    .map(CheckOutcome.class::cast).orElse(PLAIN);
            boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            // Aborted, unless waiting (as a check whose lesson's basic rule failed is): a page check without a browser.
            boolean aborted = result.getStatus() == TestExecutionResult.Status.ABORTED && !outcome.waiting();
            if (aborted) {
                message = Check.NOT_RUN + message;
            }
            if (id.isTest()) {
                double seconds = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1e9;
                checks.put(id.getUniqueId(), new Check(id.getDisplayName(), origin(id), passed, message,
                        notes.getOrDefault(id.getUniqueId(), ""), seconds, !passed && outcome.waiting(),
                        !passed && (aborted || outcome.notRun()), outcome.screenshot()));
            } else if (!passed) {
                for (TestIdentifier test : plan.getDescendants(id)) {
                    if (test.isTest() && !checks.containsKey(test.getUniqueId())) {
                        checks.put(test.getUniqueId(), Check.waiting(test.getDisplayName(), origin(test),
                                CheckOutcome.serverNotStarted(message)));
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
                    checks.put(test.getUniqueId(), Check.skipped(test.getDisplayName(), origin(test), reason));
                }
            }
        }

        List<Check> checks() {
            return new ArrayList<>(checks.values());
        }
    }
}
