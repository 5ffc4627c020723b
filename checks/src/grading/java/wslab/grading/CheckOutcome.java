package wslab.grading;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a check's failure tells the grader besides its message, which is the student's to read and says the
 * same in words. The checks' failures that tell more implement it: an {@link AssertionError} (the check
 * failed) or a {@code TestAbortedException} (it stopped) of their own. The grader reads these, never the text.
 */
public interface CheckOutcome {

    /** How the message of a check that did not run begins. */
    String NOT_RUN = "not run: ";

    /** The screenshot a failed page check took of its page. */
    default Optional<Path> screenshot() {
        return Optional.empty();
    }

    /**
     * Whether the check could not check yet: it waits for another check to pass (the lesson's basic rule), and
     * its message begins "cannot check until".
     */
    default boolean waiting() {
        return false;
    }

    /** Whether the check did not run at all (the lesson's time limit ran out): its message begins {@link #NOT_RUN}. */
    default boolean notRun() {
        return false;
    }

    /** The message of each check of a class whose server did not start; {@code why}: the class's own failure. */
    static String serverNotStarted(String why) {
        return "cannot check until the server starts:\n" + why;
    }
}
