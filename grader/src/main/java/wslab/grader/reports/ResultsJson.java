package wslab.grader.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import wslab.grader.grading.CheckRunner;
import wslab.grader.grading.GradingSetup;
import wslab.grader.grading.LessonGrader;
import wslab.grader.grading.Scores;

/** results.json, in Gradescope's format: a test per check, with its points; what graded, in extra_data. */
public final class ResultsJson {

    /** The report's file name. */
    public static final String FILE = "results.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    public static void write(Path file, Scores scores, double seconds, Path submission, GradingSetup setup)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", ReportFacts.round(scores.score()));
        root.put("max_score", ReportFacts.round(scores.maxScore()));
        root.put("execution_time", Math.round(seconds));
        ArrayNode tests = root.putArray("tests");
        for (LessonGrader.LessonResult lesson : scores.lessons()) {
            for (CheckRunner.Check check : lesson.checks()) {
                double points = Scores.checkPoints(lesson, check);
                ObjectNode test = tests.addObject();
                test.put("name", lesson.lesson() + ": " + check.name());
                test.put("score", ReportFacts.round(check.passed() ? points : 0));
                test.put("max_score", ReportFacts.round(points));
                // Gradescope knows passed and failed only: a check not run says so in its output.
                test.put("status", check.passed() ? "passed" : "failed");
                test.put("output", check.passed() ? check.note() : check.message());
                // The lesson first, then whether the check is the lesson's own or kept from earlier lessons.
                test.putArray("tags").add(lesson.lesson()).add(check.origin().label());
            }
        }
        ObjectNode extra = root.putObject("extra_data");
        extra.put("points", String.format(java.util.Locale.ROOT, "each lesson %.0f: %s", Scores.LESSON_POINTS,
                Scores.SPLIT));
        extra.put("grader", "wslab " + ReportFacts.version());
        extra.put("java", ReportFacts.java());
        extra.put("browser", setup.browser().isEmpty() ? "not used" : setup.browser());
        extra.put("sandbox", setup.sandbox().line());
        ObjectNode servers = extra.putObject("servers");
        servers.put("jdk", setup.servers().jdk().version());
        servers.put("jdk_home", setup.servers().jdk().home().toString());
        servers.put("archive", setup.servers().archived());
        servers.put("summary", setup.servers().line());
        extra.put("sources_sha256", ReportFacts.sourcesHash(submission));
        JSON.writeValue(file.toFile(), root);
    }
}
