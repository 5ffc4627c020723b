package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import wslab.grader.grading.LessonGrader;

/**
 * Correct submissions written from the rules alone (RULES.md), by people who had not seen the kit's code
 * (src/test/independent): every check of every lesson passes. A check that fails them asks for the kit's
 * way of writing a server, not for the behaviour RULES.md describes.
 */
@DisplayName("submissions written from the rules alone (RULES.md)")
class IndependentSubmissionsTest {

    private static final Path INDEPENDENT = Path.of("src/test/independent");
    @RegisterExtension
    static final ClassGrader GRADER = new ClassGrader("wslab-independent");

    static Stream<Arguments> lessons() throws IOException {
        try (Stream<Path> submissions = Files.list(INDEPENDENT)) {
            return submissions.filter(Files::isDirectory).map(s -> s.getFileName().toString()).sorted().toList().stream()
                    // each submission covers the lessons it has a folder for: a new lesson waits for someone to write it
                    .flatMap(submission -> Kit.LESSONS.stream()
                            .filter(lesson -> Files.isDirectory(INDEPENDENT.resolve(submission).resolve(lesson)))
                            .map(lesson -> Arguments.of(submission, lesson)));
        }
    }

    @ParameterizedTest(name = "{0}/{1} gets full marks")
    @MethodSource("lessons")
    void getsFullMarks(String submission, String lesson) {
        LessonGrader.LessonResult result = GRADER.grader().grade(lesson, INDEPENDENT.resolve(submission).resolve(lesson),
                GRADER.work().resolve("screenshots").resolve(submission + "-" + lesson));
        String failed = result.checks().stream().filter(c -> !c.passed())
                .map(c -> "  FAIL  " + c.name() + "\n" + c.message().indent(8))
                .collect(Collectors.joining("\n"));
        assertEquals(result.checks().size(), result.passed(), () -> submission + "/" + lesson + " lost points:\n" + failed);
    }
}
