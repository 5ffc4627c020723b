package wslab.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wslab.grader.grading.CheckRunner.Check;
import wslab.grader.grading.CheckRunner.Origin;
import wslab.grader.classroom.ClassroomResult;

/** A lesson's points: its own checks share {@link Scores#SPLIT}'s part, those kept from earlier lessons the rest. */
@DisplayName("points per check")
class ScoresTest {

    @TempDir
    Path out;

    @Test
    @DisplayName("a lesson's own checks share 70% of its 10 points, the checks it keeps 30%, and all passed make 10")
    void splitBetweenOwnAndKept() {
        assertEquals(new Scores.Split(70, 30), Scores.SPLIT, "the split the README states");
        LessonGrader.LessonResult done = lesson("echo", 8, 8, 18, 18);
        assertEquals(10.0, Scores.lessonScore(done), 0.0, "a lesson done is worth exactly 10");
        assertEquals(7.0 / 8, Scores.checkPoints(done, done.checks().get(0)), 1e-12);
        assertEquals(3.0 / 18, Scores.checkPoints(done, done.checks().get(8)), 1e-12);

        // Two of its 8 own checks failed (an echo that broadcasts): 8.25, where equal shares gave 24/26 of 10.
        LessonGrader.LessonResult broadcasts = lesson("echo", 8, 6, 18, 18);
        assertEquals(8.25, Scores.lessonScore(broadcasts), 1e-12);
        assertEquals(5.25, Scores.partScore(broadcasts, Origin.THIS_LESSON), 1e-12);
        assertEquals(3.0, Scores.partScore(broadcasts, Origin.EARLIER_LESSONS), 1e-12);
        // Only kept checks failed: they weigh little.
        assertEquals(7 + 3.0 * 16 / 18, Scores.lessonScore(lesson("echo", 8, 8, 18, 16)), 1e-12);
    }

    @Test
    @DisplayName("a lesson with checks of one kind only gives them the whole 10")
    void oneKindOnly() {
        LessonGrader.LessonResult own = lesson("receiver", 9, 9, 0, 0);
        assertEquals(10.0, Scores.lessonScore(own), 1e-12);
        assertEquals(10.0 / 9, Scores.checkPoints(own, own.checks().get(0)), 1e-12);
        assertEquals(5.0, Scores.lessonScore(lesson("receiver", 10, 5, 0, 0)), 1e-12);
        LessonGrader.LessonResult kept = lesson("quiz", 0, 0, 4, 1);
        assertEquals(2.5, Scores.lessonScore(kept), 1e-12);
        assertEquals(0.0, Scores.lessonScore(new LessonGrader.LessonResult("none", List.of(), "no checks", 0, 0)));
    }

    @Test
    @DisplayName("a split is two percentages that add up to 100")
    void splitIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Scores.Split(70, 20));
        assertThrows(IllegalArgumentException.class, () -> new Scores.Split(110, -10));
        assertEquals(100, new Scores.Split(100, 0).percent(Origin.THIS_LESSON));
        assertEquals("70% this lesson, 30% kept from earlier lessons", Scores.SPLIT.toString());
    }

    @Test
    @DisplayName("results.json, the Classroom result and the score table carry the same points")
    void everyReportCarriesTheSamePoints() throws Exception {
        Scores scores = Scores.of(List.of(lesson("echo", 8, 6, 18, 18), lesson("simon", 10, 10, 9, 9),
                lesson("quiz2-welcome", 4, 3, 26, 20)));
        double expected = 8.25 + 10 + (7.0 * 3 / 4 + 3.0 * 20 / 26);
        assertEquals(expected, scores.score(), 1e-9);

        Path json = out.resolve("results.json");
        wslab.grader.reports.ResultsJson.write(json, scores, 1, out, new GradingSetup("", wslab.grading.SandboxUse.in("test"),
                new ServerRuntime(wslab.grading.ServerJdk.running(), java.util.Optional.empty())));
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertEquals(Math.round(expected * 10_000) / 10_000.0, results.get("score").asDouble(), 1e-9);
        double sum = 0;
        double echoMax = 0;
        for (JsonNode test : results.get("tests")) {
            sum += test.get("score").asDouble();
            String lesson = test.get("tags").get(0).asText();
            String part = test.get("tags").get(1).asText();
            assertTrue(List.of("this lesson", "kept from earlier lessons").contains(part), test.toString());
            assertTrue(test.get("name").asText().startsWith(lesson + ": "), test.toString());
            if (lesson.equals("echo")) {
                echoMax += test.get("max_score").asDouble();
                assertEquals(part.equals("this lesson") ? 0.875 : 0.1667, test.get("max_score").asDouble(), 1e-9,
                        test.toString());
            }
        }
        assertEquals(expected, sum, 0.01, "the tests add up to the score");
        assertEquals(10.0, echoMax, 0.01, "a lesson's tests are worth its 10 points");

        JsonNode classroom = ClassroomResult.document(scores, 100);
        double cents = 0;
        double echo = 0;
        for (JsonNode test : classroom.get("tests")) {
            cents += test.get("score").asDouble();
            if (test.get("name").asText().startsWith("echo: ")) {
                echo += test.get("score").asDouble();
            }
        }
        assertEquals(8.25, echo, 1e-9, "Classroom is told echo's own score");
        assertEquals(Math.round(expected * 100) / 100.0, cents, 1e-9, "Classroom is told the grader's total");

        assertTrue(scores.table().contains(String.format("%5.2f / 10", 8.25)), scores.table());
        String failures = scores.failures();
        assertTrue(failures.contains("echo: 8.25 / 10") && failures.contains("this lesson: 6 of 8 passed, 5.25 of 7.00 points")
                && failures.contains("FAIL -0.88  own check 7") && failures.contains("got: Y"), failures);
        assertTrue(failures.contains("the server exited with status 1") && !failures.contains("rule"),
                "what came back, not the rule:\n" + failures);
        assertTrue(failures.contains("kept from earlier lessons: 20 of 26 passed"), failures);
        assertTrue(!failures.contains("simon:"), "a lesson without failures is not listed:\n" + failures);
    }

    /**
     * A lesson of {@code own} checks of its own (the first {@code ownPassed} passing) and {@code kept} kept
     * from earlier lessons (the first {@code keptPassed} passing).
     */
    private static LessonGrader.LessonResult lesson(String id, int own, int ownPassed, int kept, int keptPassed) {
        List<Check> checks = new ArrayList<>();
        for (int i = 1; i <= own; i++) {
            checks.add(new Check("own check " + i, Origin.THIS_LESSON, i <= ownPassed,
                    i <= ownPassed ? "" : "rule E1 (RULES.md): the echo comes back\nsent: X\nexpected: X\ngot: Y"));
        }
        for (int i = 1; i <= kept; i++) {
            checks.add(new Check("kept check " + i, Origin.EARLIER_LESSONS, i <= keptPassed,
                    i <= keptPassed ? "" : "rule: the server keeps serving\nthe server exited with status 1"));
        }
        return new LessonGrader.LessonResult(id, checks, null, 1, 0.5);
    }
}
