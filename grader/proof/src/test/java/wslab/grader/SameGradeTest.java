package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import wslab.grader.grading.LessonGrader;
import wslab.grader.grading.Scores;

/** The same submission graded three times gets the same grade, check by check. */
@DisplayName("grades are repeatable")
class SameGradeTest {

    private static final Kit KIT = Kit.current();
    @RegisterExtension
    static final ClassGrader GRADER = new ClassGrader("wslab-same");

    @ParameterizedTest(name = "{0}/{1}, graded three times")
    @CsvSource({"solutions, simon", "solutions, quiz4-random-replies", "exercises, quiz2-welcome"})
    void sameGradeThreeTimes(String folder, String lesson) {
        String first = outcome(folder, lesson, 1);
        assertEquals(first, outcome(folder, lesson, 2), "the second grading differs");
        assertEquals(first, outcome(folder, lesson, 3), "the third grading differs");
    }

    private String outcome(String folder, String lesson, int run) {
        LessonGrader.LessonResult result = GRADER.grader().grade(lesson, KIT.root().resolve(folder).resolve(lesson),
                GRADER.work().resolve("screenshots-" + folder + "-" + lesson + "-" + run));
        List<String> lines = result.checks().stream().map(c -> (c.passed() ? "pass " : "FAIL ") + c.name()).sorted().toList();
        return Scores.lessonScore(result) + "\n" + lines.stream().collect(Collectors.joining("\n"));
    }
}
