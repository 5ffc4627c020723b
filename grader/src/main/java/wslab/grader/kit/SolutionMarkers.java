package wslab.grader.kit;

import java.util.List;
import java.util.Optional;

/**
 * The markers a reference solution is written with, spelled here and nowhere else: the exercise generator
 * cuts by them, and what is handed to students (the Classroom export, the Gradescope package) is refused
 * while it holds one.
 *
 * <ul>
 *   <li>{@link #BEGIN} ... {@link #END}, each on a line of its own: the answer, left out of the starter;</li>
 *   <li>{@link #STUB} at the start of a line: what the starter has instead, without the prefix;</li>
 *   <li>{@link #SOLUTION_FILE} on a line of its own: the whole file is the answer, and no starter has it.</li>
 * </ul>
 */
public final class SolutionMarkers {

    public static final String BEGIN = "// BEGIN SOLUTION";
    public static final String END = "// END SOLUTION";
    public static final String STUB = "// STUB: ";
    public static final String SOLUTION_FILE = "// SOLUTION FILE";

    /** The markers that only a solution holds; a stub line is meant for the student. */
    private static final List<String> SOLUTION_ONLY = List.of(BEGIN, END, SOLUTION_FILE);

    private SolutionMarkers() {
    }

    /** Whether this line opens an answer. */
    public static boolean isBegin(String line) {
        return line.strip().equals(BEGIN);
    }

    /** Whether this line closes an answer. */
    public static boolean isEnd(String line) {
        return line.strip().equals(END);
    }

    /** Whether this source is an answer as a whole, which no starter gets. */
    public static boolean isSolutionFile(String text) {
        return text.lines().anyMatch(line -> line.strip().equals(SOLUTION_FILE));
    }

    /**
     * The first solution marker found anywhere in {@code text}, even within a line: a file that holds one
     * gives an answer away, or was copied from {@code solutions/} instead of generated from it.
     */
    public static Optional<String> markerIn(String text) {
        return SOLUTION_ONLY.stream().filter(text::contains).findFirst();
    }

    /** Whether {@code text} holds a solution marker anywhere. */
    public static boolean holdsSolution(String text) {
        return markerIn(text).isPresent();
    }
}
