package wslab.checks.harness;

import java.util.List;

/**
 * What the harness needs of a lesson's class of checks: the shared server's options, the host its ready line
 * names, and a proof that the lesson's own rule works. {@code EveryLessonRules} is the one implementation;
 * {@link LessonExtension} runs its checks on a {@link LessonRun}.
 */
public interface LessonChecks {

    /** The lesson's own options for the shared server (a log file, a replies file, ...). */
    List<String> startArguments();

    /** The host the ready line names when {@code --host} is not given. */
    String defaultHost();

    /** Proves the lesson's own rule works on the shared server; throws an AssertionError if it does not. */
    void assertLessonWorks();

    /** Called before the first check, with the run the checks share: starts the shared server on it ({@link LessonRun#startServer}). */
    void begin(LessonRun run);
}
