package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import wslab.grading.ProcessTrees;

/**
 * The lesson READMEs show the self-check as a student sees it: a block that follows the comment
 * {@code <!-- self-check output: exercises/receiver -->} is exactly what {@code ./mvnw test -f exercises/receiver}
 * prints, run from the kit's top folder (a line {@code ...} in it stands for any lines, and {@code ...} in a line for any text). A block for {@code solutions/<id>} shows a finished lesson (the
 * student's command is still {@code -f exercises/<id>}; the solution stands in for the finished code).
 */
@DisplayName("the self-check output shown in the lesson READMEs")
class SelfCheckReadmeTest {

    private static final Path ROOT = Kit.current().root();
    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- self-check output: ((?:exercises|solutions)/[\\w-]+) -->\\s*\\n```\\n(.*?)```", Pattern.DOTALL);
    private static final String LOCAL_REPOSITORY = "-Dmaven.repo.local=" + System.getProperty("wslab.maven.repo",
            Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
    /** Each lesson folder's self-check, run once however many READMEs show it. */
    private static final Map<String, String> OUTPUTS = new ConcurrentHashMap<>();

    static Stream<Arguments> examples() throws IOException {
        List<Path> readmes = new ArrayList<>(List.of(ROOT.resolve("exercises/README.md")));
        Kit.LESSONS.forEach(lesson -> readmes.add(ROOT.resolve("exercises").resolve(lesson).resolve("README.md")));
        List<Arguments> examples = new ArrayList<>();
        for (Path readme : readmes) {
            Matcher m = EXAMPLE.matcher(Files.readString(readme, StandardCharsets.UTF_8));
            while (m.find()) {
                examples.add(Arguments.of(ROOT.relativize(readme).toString(), m.group(1), m.group(2)));
            }
        }
        assertFalse(examples.isEmpty(), "no README shows the self-check's output");
        return examples.stream();
    }

    @ParameterizedTest(name = "{0}: ./mvnw test -f {1}")
    @MethodSource("examples")
    void readmeShowsWhatTheSelfCheckPrints(String readme, String lesson, String shown) {
        String printed = OUTPUTS.computeIfAbsent(lesson, SelfCheckReadmeTest::selfCheck);
        if (!matches(normalized(shown), normalized(printed))) {
            assertEquals(normalized(shown), normalized(printed), () -> readme + " shows an output that ./mvnw test -f "
                    + lesson + " does not print (\"...\" there stands for any text)");
        }
    }

    /**
     * Whether {@code printed} is what {@code shown} shows, where a line "..." stands for any lines, and "..."
     * within a line for any text (a random number, say).
     */
    static boolean matches(String shown, String printed) {
        String pattern = shown.lines().map(line -> line.strip().equals("...") ? "(?:[^\\n]*\\n)*?"
                : java.util.Arrays.stream(line.split("\\.\\.\\.", -1)).map(Pattern::quote)
                        .collect(Collectors.joining("[^\\n]*")) + "\\n").collect(Collectors.joining());
        return Pattern.compile(pattern).matcher(printed + "\n").matches();
    }

    /** Runs the self-check as the README says, from the kit's top folder; what it printed (stdout and stderr). */
    private static String selfCheck(String lesson) {
        try {
            Path log = Files.createTempFile("wslab-selfcheck-", ".log");
            try {
                Process maven = new ProcessBuilder("./mvnw", LOCAL_REPOSITORY, "test", "-f", lesson).directory(ROOT.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!maven.waitFor(5, TimeUnit.MINUTES)) {
                    ProcessTrees.end(List.of(maven.toHandle()), java.time.Duration.ofSeconds(10));
                    throw new AssertionError("./mvnw test -f " + lesson + " took over 5 minutes:\n" + Files.readString(log));
                }
                return Files.readString(log, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The text as compared: without trailing blanks and blank lines at either end, and without the server
     * console's DISCONNECTED lines: a connection closed as a check ends may print it just before or just after
     * the report is written.
     */
    private static String normalized(String text) {
        return text.lines().map(String::stripTrailing).filter(line -> !line.strip().equals("| DISCONNECTED"))
                .collect(Collectors.joining("\n")).strip();
    }
}
