package wslab.grader.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wslab.grader.grading.CheckRunner;
import wslab.grader.grading.LessonGrader;
import wslab.grader.grading.Scores;

/** The document GitHub Classroom's reporter reads, as {@link ClassroomResult} writes it. */
@DisplayName("the GitHub Classroom result")
class ClassroomResultTest {

    /** The fields autograding-command-grader writes for a test, which the reporter reads. */
    private static final Set<String> TEST_FIELDS = Set.of("name", "status", "score", "message", "test_code", "filename",
            "line_no", "duration");

    @TempDir
    Path out;

    @Test
    @DisplayName("has the reporter's fields, a test per check, and keeps fractional points")
    void reporterFieldsAndFractionalPoints() throws Exception {
        Scores scores = Scores.of(List.of(
                lesson("receiver", 3, 1), // 3.33 of 10
                lesson("echo", 13, 13), // 10 of 10, shared in thirteenths
                lesson("simon", 7, 2), // 2.86 of 10
                lesson("quiz3-clock", 6, 0))); // 0 of 10
        Path base64 = ClassroomResult.write(out, scores);

        assertEquals(out.resolve(ClassroomResult.BASE64_FILE), base64);
        String encoded = Files.readString(base64, StandardCharsets.US_ASCII);
        assertFalse(encoded.contains("\n"), "the base64 is one line, as a step output must be");
        JsonNode document = new ObjectMapper().readTree(Base64.getDecoder().decode(encoded));
        assertEquals(new ObjectMapper().readTree(out.resolve(ClassroomResult.JSON_FILE).toFile()), document,
                "classroom.json and classroom.b64 hold the same document");

        assertEquals(1, document.get("version").asInt());
        assertEquals("fail", document.get("status").asText(), "some checks fail, so the run is marked failed");
        assertEquals(40.0, document.get("max_score").asDouble());
        JsonNode tests = document.get("tests");
        assertEquals(3 + 13 + 7 + 6, tests.size());
        for (JsonNode test : tests) {
            List<String> fields = new ArrayList<>();
            test.fieldNames().forEachRemaining(fields::add);
            assertEquals(TEST_FIELDS, Set.copyOf(fields), "fields of " + test);
            assertTrue(Set.of("pass", "fail").contains(test.get("status").asText()));
            assertEquals(0, test.get("line_no").asInt());
            assertEquals("", test.get("test_code").asText(), "an empty test_code: the reporter prints none");
        }
        assertEquals("receiver: check 1", tests.get(0).get("name").asText());
        assertEquals(3.33, tests.get(0).get("score").asDouble(), "a fractional score is kept, not rounded to a whole point");
        assertEquals(0.0, tests.get(1).get("score").asDouble());
        assertEquals(0.77, tests.get(3).get("score").asDouble(), "echo's first check: 10 points in 13 shares, to the hundredth");
        assertEquals(10.0, lessonSum(tests, "echo: "), 1e-9, "a lesson done is worth its 10 points exactly");
        assertEquals(2.86, lessonSum(tests, "simon: "), 1e-9);
        assertEquals(0.0, lessonSum(tests, "quiz3-clock: "), 1e-9);

        // What the reporter sends Classroom: "Points T/M", T adding up every test's score in order, as JavaScript adds.
        double total = 0;
        for (JsonNode test : tests) {
            total += test.get("score").asDouble();
        }
        assertEquals(16.19, total, 0.0, "the sum is the total to the hundredth, with no rounding error");
        assertEquals("16.19", Double.toString(total));
        assertEquals(Math.round(scores.score() * 100) / 100.0, total, 0.011, "the grader's own total, to the hundredth");
    }

    @Test
    @DisplayName("says pass when every check passes")
    void allPassed() throws Exception {
        JsonNode document = ClassroomResult.read(ClassroomResult.write(out,
                Scores.of(List.of(lesson("echo", 24, 24), lesson("simon", 11, 11)))));
        assertEquals("pass", document.get("status").asText());
        assertEquals(20.0, document.get("max_score").asDouble());
    }

    @Test
    @DisplayName("stays small enough for the reporter's environment, however long the failure messages")
    void longMessagesAreCut() throws Exception {
        List<LessonGrader.LessonResult> lessons = new ArrayList<>();
        String console = "a server's console line\n".repeat(20_000);
        for (String id : List.of("receiver", "echo", "simon", "quiz1", "quiz2", "quiz3", "quiz4", "quiz5")) {
            lessons.add(new LessonGrader.LessonResult(id, IntStream.rangeClosed(1, 25)
                    .mapToObj(i -> new CheckRunner.Check("check " + i, false, console)).toList(), null, 1, 1));
        }
        Path base64 = ClassroomResult.write(out, Scores.of(lessons));
        assertTrue(Files.size(base64) <= ClassroomResult.MAX_ENCODED, "base64 of " + Files.size(base64) + " bytes");
        JsonNode document = ClassroomResult.read(base64);
        assertEquals(200, document.get("tests").size(), "every check is still there");
        assertTrue(document.get("tests").get(0).get("message").asText().startsWith("a server's console line"));
    }

    private static double lessonSum(JsonNode tests, String prefix) {
        double sum = 0;
        for (JsonNode test : tests) {
            if (test.get("name").asText().startsWith(prefix)) {
                sum += test.get("score").asDouble();
            }
        }
        return sum;
    }

    /** A lesson of {@code checks} checks, the first {@code passed} of them passing. */
    private static LessonGrader.LessonResult lesson(String id, int checks, int passed) {
        List<CheckRunner.Check> results = IntStream.rangeClosed(1, checks)
                .mapToObj(i -> new CheckRunner.Check("check " + i, i <= passed, i <= passed ? "" : "expected X, got Y"))
                .toList();
        return new LessonGrader.LessonResult(id, results, null, 1, 0.5);
    }
}
