package wslab.grader.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the starter the exercise generator makes of a solution")
class ExerciseGeneratorTest {

    private static String lines(String... lines) {
        return String.join("\n", lines);
    }

    @Test
    @DisplayName("loses the single-type imports, static or not, that only the cut code used")
    void dropsImportsOnlyTheAnswerUsed() {
        String solution = lines(
                "package a;",
                "",
                "import static java.util.concurrent.TimeUnit.MILLISECONDS;",
                "import java.time.OffsetDateTime;",
                "import java.util.List;",
                "",
                "class Clock {",
                "    List<String> ticks;",
                "",
                "    void tick() {",
                "        // BEGIN SOLUTION",
                "        ticks.add(OffsetDateTime.now() + \" \" + MILLISECONDS);",
                "        // END SOLUTION",
                "        // STUB: // TODO add the time",
                "    }",
                "}");
        assertEquals(lines(
                "package a;",
                "",
                "import java.util.List;",
                "",
                "class Clock {",
                "    List<String> ticks;",
                "",
                "    void tick() {",
                "        // TODO add the time",
                "    }",
                "}"), ExerciseGenerator.starterOf(solution));
    }

    @Test
    @DisplayName("keeps wildcard imports, imports a stub uses, and names used only in a comment or a string")
    void keepsImportsStillNamed() {
        String solution = lines(
                "import java.util.*;",
                "import java.nio.file.Files;",
                "import java.nio.file.Path;",
                "import java.util.Random;",
                "import java.util.function.Supplier;",
                "",
                "/** Reads a {@link Path}. */",
                "class Replies {",
                "    String hint = \"use Files.readAllLines\";",
                "",
                "    List<String> read() {",
                "        // BEGIN SOLUTION",
                "        Supplier<Random> random = Random::new;",
                "        return new ArrayList<>();",
                "        // END SOLUTION",
                "        // STUB: return new ArrayList<>(); // no Random yet",
                "    }",
                "}");
        assertEquals(lines(
                "import java.util.*;",
                "import java.nio.file.Files;",
                "import java.nio.file.Path;",
                "import java.util.Random;",
                "",
                "/** Reads a {@link Path}. */",
                "class Replies {",
                "    String hint = \"use Files.readAllLines\";",
                "",
                "    List<String> read() {",
                "        return new ArrayList<>(); // no Random yet",
                "    }",
                "}"), ExerciseGenerator.starterOf(solution));
    }

    @Test
    @DisplayName("does not take a longer name that holds the import's name for a use of it")
    void matchesWholeNames() {
        String solution = lines(
                "import java.net.InetAddress;",
                "import java.net.InetSocketAddress;",
                "",
                "class Network {",
                "    InetSocketAddress address;",
                "    // BEGIN SOLUTION",
                "    InetAddress any;",
                "    // END SOLUTION",
                "}");
        assertEquals(lines(
                "import java.net.InetSocketAddress;",
                "",
                "class Network {",
                "    InetSocketAddress address;",
                "}"), ExerciseGenerator.starterOf(solution));
    }

    @Test
    @DisplayName("leaves one blank line where a cut method stood between two blank lines, and where an import group went")
    void collapsesBlankLinesLeftByTheCut() {
        String solution = lines(
                "package a;",
                "",
                "import static java.lang.Math.max;",
                "",
                "import java.util.List;",
                "",
                "class Log {",
                "    List<String> lines;",
                "",
                "    void first() {",
                "    }",
                "",
                "    // BEGIN SOLUTION",
                "    int longest(int a, int b) {",
                "        return max(a, b);",
                "    }",
                "    // END SOLUTION",
                "",
                "    void last() {",
                "    }",
                "}");
        assertEquals(lines(
                "package a;",
                "",
                "import java.util.List;",
                "",
                "class Log {",
                "    List<String> lines;",
                "",
                "    void first() {",
                "    }",
                "",
                "    void last() {",
                "    }",
                "}"), ExerciseGenerator.starterOf(solution));
    }

    @Test
    @DisplayName("changes nothing else: blank lines and imports of a source with nothing cut stay as written")
    void leavesUncutSourcesAlone() {
        String test = lines(
                "import java.util.List;",
                "",
                "",
                "class Checks {",
                "",
                "",
                "    // STUB: // not a cut",
                "}",
                "");
        assertEquals(lines(
                "import java.util.List;",
                "",
                "",
                "class Checks {",
                "",
                "",
                "    // not a cut",
                "}",
                ""), ExerciseGenerator.starterOf(test));
    }

    @Test
    @DisplayName("keeps blank lines that were doubled in the solution away from any cut")
    void keepsOwnBlankLines() {
        String solution = lines(
                "class Twice {",
                "",
                "",
                "    void a() {",
                "        // BEGIN SOLUTION",
                "        a();",
                "        // END SOLUTION",
                "    }",
                "}");
        assertEquals(lines(
                "class Twice {",
                "",
                "",
                "    void a() {",
                "    }",
                "}"), ExerciseGenerator.starterOf(solution));
    }
}
