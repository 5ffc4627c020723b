package wslab.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * How the grader's command-line tools (the grader, the Gradescope package, the Classroom export) answer: a bad
 * option or value is one line on stderr and exit status 2; a failure while running is one line and status 1.
 */
public final class CommandLines {

    public static final int USAGE = 2;
    public static final int FAILED = 1;

    private CommandLines() {
    }

    /** Runs {@code command} (a picocli command) on {@code args}: its exit status. */
    public static int execute(Object command, String... args) {
        CommandLine line = new CommandLine(command);
        line.setParameterExceptionHandler((e, ignored) -> {
            System.err.println("error: " + e.getMessage() + " (see --help)");
            return USAGE;
        });
        line.setExecutionExceptionHandler((e, ignored, parsed) -> {
            System.err.println("error: " + oneLine(e));
            return FAILED;
        });
        return line.execute(args);
    }

    /**
     * A failure, as a user reads it: the message of what the tools throw on purpose (files that cannot be read or
     * written, a kit or a setting that is not right), the exception itself for anything else (a fault of the tool).
     */
    static String oneLine(Exception e) {
        boolean expected = e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof IllegalStateException || e instanceof IllegalArgumentException;
        return expected && e.getMessage() != null ? e.getMessage() : String.valueOf(e);
    }
}
