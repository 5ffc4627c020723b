package wslab.grader.classroom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import wslab.grader.grading.CheckRunner;
import wslab.grader.grading.LessonGrader;
import wslab.grader.grading.Scores;

/**
 * The grade in the form GitHub Classroom's reporter reads ({@code classroom-resources/autograding-grading-reporter}):
 * for each runner id in its {@code runners} input, an environment variable {@code <RUNNER>_RESULTS} holding the
 * base64 of a JSON document, the one {@code autograding-command-grader} writes to its {@code result} output:
 *
 * <pre>
 * {"version": 1, "status": "pass" | "fail" | "error", "max_score": 90,
 *  "tests": [{"name", "status", "score", "message", "test_code", "filename", "line_no", "duration"}]}
 * </pre>
 *
 * The reporter tells Classroom "Points T/M" where T is the sum of every test's {@code score} and M the
 * document's {@code max_score}; it fails the workflow run when {@code status} is "fail". The command grader
 * can only give a test all or nothing of a whole number of points, so the grader writes this document
 * itself: a test per check, whose score is its share of the lesson's points.
 *
 * <p>A lesson's points are shared in hundredths: each check that passed gets its worth as the grader scores
 * it ({@link Scores}: the lesson's own checks and those kept from earlier lessons each share their part of its
 * points), rounded so that the reporter's sum is each lesson's points as the grader's table shows them, 10
 * for a lesson fully done.
 */
public final class ClassroomResult {

    /** The document, readable. */
    public static final String JSON_FILE = "classroom.json";
    /** The document as one line of base64: what the workflow hands the reporter in {@code WSLAB_RESULTS}. */
    public static final String BASE64_FILE = "classroom.b64";
    /**
     * The longest base64 written. The reporter reads it from its environment, and Linux refuses to start a
     * process with one environment string over 128 KiB; longer messages are cut until it fits.
     */
    public static final int MAX_ENCODED = 96 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Message lengths tried, longest first, until the encoded document fits in {@link #MAX_ENCODED}. */
    private static final int[] MESSAGE_LIMITS = {1_000, 300, 80, 0};

    private ClassroomResult() {
    }

    /**
     * Writes {@value #JSON_FILE} and {@value #BASE64_FILE} into {@code outFolder} (made if missing) and
     * returns the base64 file.
     */
    public static Path write(Path outFolder, Scores scores) throws IOException {
        ObjectNode document = null;
        byte[] encoded = null;
        for (int limit : MESSAGE_LIMITS) {
            document = document(scores, limit);
            encoded = java.util.Base64.getEncoder().encode(JSON.writeValueAsBytes(document));
            if (encoded.length <= MAX_ENCODED) {
                break;
            }
        }
        Files.createDirectories(outFolder);
        JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(outFolder.resolve(JSON_FILE).toFile(), document);
        Path base64 = outFolder.resolve(BASE64_FILE);
        Files.write(base64, encoded);
        return base64;
    }

    /** The reporter's document, each test's message cut to {@code messageLimit} characters. */
    public static ObjectNode document(Scores scores, int messageLimit) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        boolean all = scores.lessons().stream().allMatch(l -> l.passed() == l.checks().size())
                && scores.lessons().stream().anyMatch(l -> !l.checks().isEmpty());
        root.put("status", all ? "pass" : "fail");
        root.put("max_score", scores.maxScore());
        ArrayNode tests = root.putArray("tests");
        for (LessonGrader.LessonResult lesson : scores.lessons()) {
            List<Double> points = shares(lesson);
            for (int i = 0; i < lesson.checks().size(); i++) {
                CheckRunner.Check check = lesson.checks().get(i);
                ObjectNode test = tests.addObject();
                test.put("name", lesson.lesson() + ": " + check.name());
                test.put("status", check.passed() ? "pass" : "fail");
                test.put("score", points.get(i));
                test.put("message", cut(check.passed() ? check.note() : check.message(), messageLimit));
                // The reporter prints test_code under a test when it is not empty, and a line number when it is not 0.
                test.put("test_code", "");
                test.put("filename", "");
                test.put("line_no", 0);
                test.put("duration", Math.round(check.seconds() * 1000));
            }
        }
        exactTotal(tests);
        return root;
    }

    /**
     * The reporter adds the scores up in order, in binary floating point, so hundredths can add up to
     * 16.189999999999994 in the "Points" it tells Classroom. The last test that scores takes up the
     * difference (a few units in the last place, never shown), so that the sum is the total to the hundredth.
     */
    private static void exactTotal(ArrayNode tests) {
        long cents = 0;
        int last = -1;
        for (int i = 0; i < tests.size(); i++) {
            double score = tests.get(i).get("score").asDouble();
            cents += Math.round(score * 100);
            if (score > 0) {
                last = i;
            }
        }
        if (last < 0) {
            return;
        }
        double target = cents / 100.0;
        double before = 0;
        for (int i = 0; i < last; i++) {
            before += tests.get(i).get("score").asDouble();
        }
        double score = target - before;
        for (int tries = 0; tries < 8 && before + score != target; tries++) {
            score = before + score < target ? Math.nextUp(score) : Math.nextDown(score);
        }
        if (before + score == target) {
            ((ObjectNode) tests.get(last)).put("score", score);
        }
    }

    /**
     * Each check's points, in the lesson's order: 0 for a check that failed; a passed one its worth
     * ({@link Scores#checkPoints}) in hundredths, rounded so that the lesson's passed checks add up to its
     * score rounded to hundredths ({@link Scores#lessonScore}): each share is the rounded running total
     * less the one before it, so none is more than a hundredth from its worth.
     */
    static List<Double> shares(LessonGrader.LessonResult lesson) {
        List<Double> points = new ArrayList<>(lesson.checks().size());
        long lessonCents = Math.round(Scores.lessonScore(lesson) * 100);
        int last = -1;
        for (int i = 0; i < lesson.checks().size(); i++) {
            if (lesson.checks().get(i).passed()) {
                last = i;
            }
        }
        double exact = 0;
        long given = 0;
        for (int i = 0; i < lesson.checks().size(); i++) {
            CheckRunner.Check check = lesson.checks().get(i);
            if (!check.passed()) {
                points.add(0.0);
                continue;
            }
            exact += Scores.checkPoints(lesson, check);
            long upTo = i == last ? lessonCents : Math.min(lessonCents, Math.round(exact * 100));
            points.add((upTo - given) / 100.0);
            given = upTo;
        }
        return points;
    }

    private static String cut(String text, int limit) {
        String value = text == null ? "" : text;
        if (value.length() <= limit) {
            return value;
        }
        return limit == 0 ? "" : value.substring(0, limit) + " ... (the grader's report has all of it)";
    }

    /** Reads a base64 file back into the reporter's document, as the reporter does. */
    public static ObjectNode read(Path base64) throws IOException {
        byte[] json = java.util.Base64.getDecoder().decode(Files.readString(base64, StandardCharsets.US_ASCII).strip());
        return (ObjectNode) JSON.readTree(json);
    }
}
