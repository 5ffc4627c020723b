package wslab.checks.harness;

import java.nio.file.Path;
import java.util.Optional;
import org.opentest4j.TestAbortedException;
import wslab.grading.CheckOutcome;

/**
 * A failed check that tells the grader more than its message ({@link CheckOutcome}): the screenshot of a failed
 * page check, a check that cannot check until another passes, or one that did not run. The message says the
 * same to the student, as it always has.
 */
public final class CheckFailure extends AssertionError implements CheckOutcome {

    private final transient Path screenshot;
    private final boolean waiting;
    private final boolean notRun;

    private CheckFailure(String message, Throwable cause, Path screenshot, boolean waiting, boolean notRun) {
        super(message, cause);
        this.screenshot = screenshot;
        this.waiting = waiting;
        this.notRun = notRun;
    }

    /** A failed page check's report, and the screenshot of its page that the report names, if one was taken. */
    static CheckFailure onPage(String report, Optional<Path> screenshot) {
        return new CheckFailure(report, null, screenshot.orElse(null), false, false);
    }

    /** A check that fails because the lesson's basic rule does not work: {@code message} begins "cannot check until". */
    public static CheckFailure waiting(String message, Throwable cause) {
        return new CheckFailure(message, cause, null, true, false);
    }

    /** A check that did not run, for {@code reason}. */
    static CheckFailure notRun(String reason) {
        return new CheckFailure(NOT_RUN + reason, null, null, false, true);
    }

    /** The same failure told with {@code message} (its report with more said), thrown from where it was. */
    CheckFailure withMessage(String message) {
        CheckFailure told = new CheckFailure(message, null, screenshot, waiting, notRun);
        told.setStackTrace(getStackTrace());
        return told;
    }

    @Override
    public Optional<Path> screenshot() {
        return Optional.ofNullable(screenshot);
    }

    @Override
    public boolean waiting() {
        return waiting;
    }

    @Override
    public boolean notRun() {
        return notRun;
    }

    /**
     * A check stopped (aborted, not failed) because a check of the lesson's basic rule failed: it cannot check
     * until that one works, and its message begins so.
     */
    static final class Waiting extends TestAbortedException implements CheckOutcome {

        Waiting(String message) {
            super(message);
        }

        @Override
        public boolean waiting() {
            return true;
        }
    }
}
