package wslab.checks.harness;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import wslab.checks.rules.BasicRule;
import wslab.checks.rules.Enforces;
import wslab.checks.rules.StandsAlone;
import wslab.grading.Setting;

/**
 * Starts the lesson's server once for a class of checks, stops it afterwards, and adds the tail of the
 * server's console to every failed check.
 */
public final class LessonExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, TestExecutionExceptionHandler {

    private static final ExtensionContext.Namespace RUNS = ExtensionContext.Namespace.create(LessonExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        LessonChecks checks = (LessonChecks) context.getRequiredTestInstance();
        Class<?> own = ownRules(context.getRequiredTestClass());
        int basicChecks = (int) Arrays.stream(own.getDeclaredMethods()).filter(m -> isBasic(m, own)).count();
        LessonRun run = new LessonRun(checks, context, basicChecks);
        context.getStore(RUNS).put(LessonRun.class, run);
        checks.begin(run);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LessonRun run = context.getStore(RUNS).remove(LessonRun.class, LessonRun.class);
        if (run != null) {
            run.end();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        LessonRun run = run(context);
        if (!context.getRequiredTestMethod().isAnnotationPresent(Enforces.class)) {
            throw new IllegalStateException("the check " + context.getRequiredTestMethod().getName()
                    + " names no rule of RULES.md: every check says which it enforces (@Enforces)");
        }
        if (run.outOfTime()) {
            throw CheckFailure.notRun("the lesson's time limit ran out (" + Setting.LESSON_LIMIT.key() + ", "
                    + run.lessonLimitSeconds() + " s); earlier checks took too long");
        }
        if (needsBasicRule(context.getRequiredTestMethod(), ownRules(context.getRequiredTestClass()))) {
            run.requireLessonWorks();
        }
        run.beginCheck(context);
    }

    /** Records whether a {@link BasicRule} check passed: the checks that wait for it run or stop at once. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (isBasic(context.getRequiredTestMethod(), ownRules(context.getRequiredTestClass()))) {
            run(context).basicCheckEnded(context.getDisplayName(), context.getExecutionException().isEmpty());
        }
    }

    /** The run of the lesson's checks, which the class's store holds from beforeAll to afterAll (a check's store sees it). */
    private static LessonRun run(ExtensionContext context) {
        return context.getStore(RUNS).get(LessonRun.class, LessonRun.class);
    }

    /** A check of the lesson's own class that proves its basic rule. */
    static boolean isBasic(Method check, Class<?> own) {
        return check.getDeclaringClass().equals(own) && check.isAnnotationPresent(BasicRule.class);
    }

    /**
     * Whether a check waits for the lesson's basic rule: every check but the basic one itself and the
     * lesson's own checks that stand alone. The checks a lesson inherits always wait for it.
     */
    static boolean needsBasicRule(Method check, Class<?> own) {
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
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class)) {
                    return type;
                }
            }
        }
        return testClass;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String message = String.valueOf(failure.getMessage());
        if (!(failure instanceof AssertionError)) {
            throw failure;
        }
        String cited = Report.cite(message, context.getRequiredTestMethod().getAnnotation(Enforces.class));
        LessonRun run = run(context);
        if (run != null && run.server() != null && !message.contains("server console")) {
            cited += run.consoleOfThisCheck();
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
