package wslab.selfcheck;

import java.nio.file.Files;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import wslab.grading.Setting;

/**
 * Starts the lesson's server once for a class of checks, stops it afterwards, and adds the tail of the
 * server's console to every failed check.
 */
final class LessonExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, TestExecutionExceptionHandler {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        EveryLessonRules rules = (EveryLessonRules) context.getRequiredTestInstance();
        rules.configuration = context::getConfigurationParameter;
        rules.deadline = System.nanoTime() + java.time.Duration.ofSeconds(
                rules.configuration.apply(Setting.LESSON_LIMIT.key()).map(Long::parseLong).orElse(180L)).toNanos();
        rules.code = ServerCode.from(rules.configuration);
        Class<?> own = ownRules(context.getRequiredTestClass());
        rules.basicChecks = (int) java.util.Arrays.stream(own.getDeclaredMethods()).filter(m -> isBasic(m, own)).count();
        // Inside the grader's own working folder when it gives one (deleted with it, even when it is stopped).
        String prefix = "wslab-" + context.getRequiredTestClass().getSimpleName();
        java.util.Optional<String> parent = rules.configuration.apply(Setting.SCRATCH.key());
        rules.scratch = LessonProcess.deleteAtExit(parent.isPresent()
                ? Files.createTempDirectory(java.nio.file.Path.of(parent.get()), prefix) : Files.createTempDirectory(prefix));
        rules.server = rules.start(rules.startArguments());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        EveryLessonRules rules = (EveryLessonRules) context.getRequiredTestInstance();
        if (rules.server != null) {
            rules.server.close();
        }
        rules.closeLaunched();
        LessonProcess.deleteQuietly(rules.scratch);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        EveryLessonRules rules = (EveryLessonRules) context.getRequiredTestInstance();
        if (!context.getRequiredTestMethod().isAnnotationPresent(Enforces.class)) {
            throw new IllegalStateException("the check " + context.getRequiredTestMethod().getName()
                    + " names no rule of RULES.md: every check says which it enforces (@Enforces)");
        }
        if (System.nanoTime() > rules.deadline) {
            throw CheckFailure.notRun("the lesson's time limit ran out (" + Setting.LESSON_LIMIT.key() + ", "
                    + rules.configuration.apply(Setting.LESSON_LIMIT.key()).orElse("180") + " s); earlier checks took too long");
        }
        if (needsBasicRule(context.getRequiredTestMethod(), ownRules(context.getRequiredTestClass()))) {
            rules.requireLessonWorks();
        }
        rules.aliveBefore = rules.server.isAlive();
        rules.stdoutMark = rules.server.stdout().size();
        rules.stderrMark = rules.server.stderr().size();
        rules.checkContext = context;
        rules.checkName = context.getParent().map(ExtensionContext::getDisplayName).orElse("") + " "
                + context.getDisplayName();
    }

    /** Records whether a {@link BasicRule} check passed: the checks that wait for it run or stop at once. */
    @Override
    public void afterEach(ExtensionContext context) {
        EveryLessonRules rules = (EveryLessonRules) context.getRequiredTestInstance();
        if (isBasic(context.getRequiredTestMethod(), ownRules(context.getRequiredTestClass()))) {
            if (context.getExecutionException().isPresent()) {
                rules.basicFailed.add(context.getDisplayName());
            } else {
                rules.basicPassed++;
            }
        }
    }

    /** A check of the lesson's own class that proves its basic rule. */
    static boolean isBasic(java.lang.reflect.Method check, Class<?> own) {
        return check.getDeclaringClass().equals(own) && check.isAnnotationPresent(BasicRule.class);
    }

    /**
     * Whether a check waits for the lesson's basic rule: every check but the basic one itself and the
     * lesson's own checks that stand alone. The checks a lesson inherits always wait for it.
     */
    static boolean needsBasicRule(java.lang.reflect.Method check, Class<?> own) {
        return !(check.getDeclaringClass().equals(own)
                && (check.isAnnotationPresent(BasicRule.class) || check.isAnnotationPresent(StandsAlone.class)));
    }

    /**
     * The class that declares the lesson's own checks: the most derived one with a check. The checks
     * it inherits (from every lesson, or from the lesson it builds on) count once the lesson's own
     * rule works, so that a starter scores nothing for what it was given.
     */
    static Class<?> ownRules(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getSuperclass()) {
            for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(org.junit.jupiter.api.Test.class)) {
                    return type;
                }
            }
        }
        return testClass;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        EveryLessonRules rules = (EveryLessonRules) context.getRequiredTestInstance();
        String message = String.valueOf(failure.getMessage());
        if (!(failure instanceof AssertionError)) {
            throw failure;
        }
        String cited = Report.cite(message, context.getRequiredTestMethod().getAnnotation(Enforces.class));
        if (rules.server != null && !message.contains("server console")) {
            cited += Report.exited(rules.server, rules.aliveBefore)
                    + Report.consoleSince(rules.server, rules.stdoutMark, rules.stderrMark);
        }
        if (cited.equals(message)) {
            throw failure;
        }
        if (failure instanceof CheckFailure told) {
            throw told.withMessage(cited); // what it tells the grader besides, kept
        }
        AssertionError withMore = new AssertionError(cited);
        withMore.setStackTrace(failure.getStackTrace());
        throw withMore;
    }
}
