package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import wslab.grader.grading.LessonGrader;

/** The untouched starters: each compiles, starts, and fails its lesson's checks. */
@DisplayName("the starters in exercises/")
class StartersFailTest {

    static final List<String> LESSONS = Kit.LESSONS;
    private static final Kit KIT = Kit.current();
    @RegisterExtension
    static final ClassGrader GRADER = new ClassGrader("wslab-starters");

    @ParameterizedTest(name = "{0}: compiles, starts, and fails its checks")
    @FieldSource("LESSONS")
    void starterFailsItsChecks(String lesson) {
        LessonGrader.LessonResult result = GRADER.grader().grade(lesson, KIT.root().resolve("exercises").resolve(lesson),
                GRADER.work().resolve("screenshots"));
        String summary = result.checks().stream().map(c -> (c.passed() ? "  pass  " : "  FAIL  ") + c.name())
                .collect(Collectors.joining("\n"));
        assertTrue(result.problem() == null, () -> lesson + " starter: " + result.problem());
        assertTrue(result.checks().stream().noneMatch(c -> c.message().startsWith("cannot check until the server starts")),
                () -> lesson + " starter does not start:\n" + summary);
        assertTrue(result.passed() < result.checks().size(),
                () -> lesson + " starter passes every check, so it leaves the student nothing to do:\n" + summary);
        System.out.println(lesson + " starter:\n" + summary);
    }
}
