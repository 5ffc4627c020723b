package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof that the grader fails broken code: each fixture in src/test/fixtures is one lesson with
 * one fault a student really makes, and must lose points on the checks its fixture.properties names,
 * and nowhere else (but for checks that cannot run until the lesson's own rule works).
 */
@DisplayName("broken submissions")
class FixturesTest {

    private static final Path FIXTURES = Path.of("src/test/fixtures");
    @RegisterExtension
    static final ClassGrader GRADER = new ClassGrader("wslab-fixtures");

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("fixture.properties")))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void losesPointsOnTheRightCheck(String fixture) throws IOException {
        Properties expected = new Properties();
        try (Reader in = Files.newBufferedReader(FIXTURES.resolve(fixture).resolve("fixture.properties"), StandardCharsets.UTF_8)) {
            expected.load(in);
        }
        String lesson = expected.getProperty("lesson");
        Set<String> fails = names(expected.getProperty("fails", ""));
        Set<String> mayFail = names(expected.getProperty("may-fail", ""));

        LessonGrader.LessonResult result = GRADER.grader().grade(lesson, FIXTURES.resolve(fixture).resolve(lesson),
                GRADER.work().resolve("screenshots").resolve(fixture));

        String summary = fixture + " (" + expected.getProperty("fault") + "):\n" + result.checks().stream()
                .map(c -> (c.passed() ? "  pass  " : "  FAIL  ") + c.name() + (c.passed() ? "" : "  <- "
                        + c.message().lines().findFirst().orElse("")))
                .collect(Collectors.joining("\n"));
        assertTrue(result.passed() < result.checks().size(), () -> "the fault costs nothing:\n" + summary);
        Set<String> failed = result.checks().stream().filter(c -> !c.passed()).map(CheckRunner.Check::name)
                .collect(Collectors.toSet());
        if (!fails.equals(Set.of("*"))) {
            for (String name : fails) {
                assertTrue(failed.contains(name), () -> "expected to fail: " + name + "\n" + summary);
            }
            for (CheckRunner.Check check : result.checks()) {
                assertTrue(check.passed() || fails.contains(check.name()) || mayFail.contains(check.name())
                                || check.message().startsWith("cannot check until"),
                        () -> "failed where the fault is not: " + check.name() + "\n" + summary);
            }
        }
        System.out.println(summary);
    }

    private static Set<String> names(String list) {
        return Arrays.stream(list.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
