package wslab.grader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Writes the reports: results.json in the Gradescope autograder format. */
public final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    public static void writeResultsJson(Path file, Scores scores, double seconds, Path submission) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", round(scores.score()));
        root.put("max_score", round(scores.maxScore()));
        root.put("execution_time", Math.round(seconds));
        ArrayNode tests = root.putArray("tests");
        for (LessonGrader.LessonResult lesson : scores.lessons()) {
            double points = Scores.checkPoints(lesson);
            for (CheckRunner.Check check : lesson.checks()) {
                ObjectNode test = tests.addObject();
                test.put("name", lesson.lesson() + ": " + check.name());
                test.put("score", round(check.passed() ? points : 0));
                test.put("max_score", round(points));
                test.put("status", check.passed() ? "passed" : "failed");
                test.put("output", check.passed() ? "" : check.message());
                test.putArray("tags").add(lesson.lesson());
            }
        }
        ObjectNode extra = root.putObject("extra_data");
        extra.put("grader", "wslab " + version());
        extra.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        extra.put("sources_sha256", sourcesHash(submission));
        JSON.writeValue(file.toFile(), root);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static String version() {
        String version = Reports.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /** A hash of every graded Java source, by path and content, so a grade can be traced to its code. */
    static String sourcesHash(Path submission) {
        try (Stream<Path> walk = Files.walk(submission)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> sources = walk.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/"))
                    .sorted().toList();
            for (Path source : sources) {
                digest.update(submission.relativize(source).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(source));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
