package wslab.grader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the reports: results.json (Gradescope's format), JUnit XML, and a self-contained report.html. */
public final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    public static void writeResultsJson(Path file, Scores scores, double seconds, Path submission, String browser,
            String sandbox) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", round(scores.score()));
        root.put("max_score", round(scores.maxScore()));
        root.put("execution_time", Math.round(seconds));
        ArrayNode tests = root.putArray("tests");
        for (LessonGrader.LessonResult lesson : scores.lessons()) {
            for (CheckRunner.Check check : lesson.checks()) {
                double points = Scores.checkPoints(lesson, check);
                ObjectNode test = tests.addObject();
                test.put("name", lesson.lesson() + ": " + check.name());
                test.put("score", round(check.passed() ? points : 0));
                test.put("max_score", round(points));
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
        extra.put("grader", "wslab " + version());
        extra.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        extra.put("browser", browser.isEmpty() ? "not used" : browser);
        extra.put("sandbox", sandbox);
        extra.put("sources_sha256", sourcesHash(submission));
        JSON.writeValue(file.toFile(), root);
    }

    /** JUnit XML: a test suite per lesson, a test case per check. */
    public static void writeJUnitXml(Path file, Scores scores, double seconds) throws IOException {
        try (java.io.Writer out = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
            javax.xml.stream.XMLStreamWriter xml = javax.xml.stream.XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "wslab");
            xml.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", seconds));
            for (LessonGrader.LessonResult lesson : scores.lessons()) {
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", lesson.lesson());
                xml.writeAttribute("tests", String.valueOf(lesson.checks().size()));
                long notRun = lesson.checks().stream().filter(CheckRunner.Check::notRun).count();
                xml.writeAttribute("failures", String.valueOf(lesson.checks().size() - lesson.passed() - notRun));
                xml.writeAttribute("skipped", String.valueOf(notRun));
                xml.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", lesson.seconds()));
                for (CheckRunner.Check check : lesson.checks()) {
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", lesson.lesson());
                    xml.writeAttribute("name", check.name());
                    xml.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", check.seconds()));
                    if (check.notRun()) {
                        xml.writeStartElement("skipped");
                        xml.writeAttribute("message", check.message().lines().findFirst().orElse(""));
                        xml.writeEndElement();
                    } else if (!check.passed()) {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("message", check.message().lines().findFirst().orElse(""));
                        xml.writeCharacters(xmlText(check.message()));
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IOException("cannot write " + file, e);
        }
    }

    /** One HTML file, readable offline, with the screenshots inside; everything from a student is escaped. */
    public static void writeHtml(Path file, Scores scores, double seconds, Path submission, String browser,
            String sandbox) throws IOException {
        java.util.Map<String, Object> page = new java.util.HashMap<>();
        page.put("submission", submission.toString());
        page.put("score", String.format(java.util.Locale.ROOT, "%.2f", scores.score()));
        page.put("maxScore", String.format(java.util.Locale.ROOT, "%.0f", scores.maxScore()));
        page.put("percent", String.format(java.util.Locale.ROOT, "%.1f", scores.percent()));
        page.put("when", java.time.OffsetDateTime.now().withNano(0).toString());
        page.put("seconds", String.format(java.util.Locale.ROOT, "%.1f", seconds));
        page.put("grader", "wslab " + version());
        page.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        page.put("browser", browser.isEmpty() ? "not used" : browser);
        page.put("sandbox", sandbox);
        page.put("notSandboxed", sandbox.startsWith(Grade.NOT_SANDBOXED) ? sandbox : "");
        page.put("notRunNote", scores.notRun() == 0 ? "" : scores.notRun() + " checks not run (the page checks, graded without a browser)");
        page.put("hash", sourcesHash(submission));
        page.put("split", String.format(java.util.Locale.ROOT, "Each lesson is worth %.0f points: %s, each part shared "
                + "equally among its checks (a lesson with checks of one kind only gives them all %.0f).",
                Scores.LESSON_POINTS, Scores.SPLIT, Scores.LESSON_POINTS));
        List<java.util.Map<String, Object>> lessons = new java.util.ArrayList<>();
        for (LessonGrader.LessonResult lesson : scores.lessons()) {
            java.util.Map<String, Object> row = new java.util.HashMap<>();
            row.put("id", lesson.lesson());
            row.put("passed", lesson.passed());
            row.put("total", lesson.checks().size());
            row.put("points", String.format(java.util.Locale.ROOT, "%.2f", Scores.lessonScore(lesson)));
            row.put("max", String.format(java.util.Locale.ROOT, "%.0f", Scores.LESSON_POINTS));
            row.put("problem", lesson.problem() == null ? "" : lesson.problem().lines().findFirst().orElse(""));
            // The lesson's own checks first, then those it keeps from earlier lessons, each part with its points.
            List<java.util.Map<String, Object>> parts = new java.util.ArrayList<>();
            for (CheckRunner.Origin origin : CheckRunner.Origin.values()) {
                java.util.Map<String, Object> part = new java.util.HashMap<>();
                part.put("label", origin.label());
                part.put("passed", Scores.passed(lesson, origin));
                part.put("total", Scores.count(lesson, origin));
                part.put("points", String.format(java.util.Locale.ROOT, "%.2f", Scores.partScore(lesson, origin)));
                part.put("max", String.format(java.util.Locale.ROOT, "%.2f", Scores.partPoints(lesson, origin)));
                List<java.util.Map<String, Object>> checks = new java.util.ArrayList<>();
                for (CheckRunner.Check check : lesson.checks()) {
                    if (check.origin() != origin) {
                        continue;
                    }
                    java.util.Map<String, Object> item = new java.util.HashMap<>();
                    item.put("name", check.name());
                    item.put("passed", check.passed());
                    item.put("worth", String.format(java.util.Locale.ROOT, "%.2f", Scores.checkPoints(lesson, check)));
                    item.put("message", check.passed() ? check.note() : check.message());
                    item.put("note", check.note());
                    item.put("open", !check.waiting() && !check.notRun());
                    item.put("notRun", check.notRun());
                    check.screenshot().flatMap(Reports::base64).ifPresent(png -> item.put("screenshot", png));
                    checks.add(item);
                }
                part.put("checks", checks);
                if (!checks.isEmpty()) {
                    parts.add(part);
                }
            }
            row.put("parts", parts);
            row.put("own", Scores.passed(lesson, CheckRunner.Origin.THIS_LESSON) + " / "
                    + Scores.count(lesson, CheckRunner.Origin.THIS_LESSON));
            row.put("kept", Scores.passed(lesson, CheckRunner.Origin.EARLIER_LESSONS) + " / "
                    + Scores.count(lesson, CheckRunner.Origin.EARLIER_LESSONS));
            lessons.add(row);
        }
        page.put("lessons", lessons);
        com.github.mustachejava.Mustache template = new com.github.mustachejava.DefaultMustacheFactory()
                .compile("wslab/grader/report.mustache");
        try (java.io.Writer out = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
            template.execute(out, page);
        }
    }

    /** A failed page check's screenshot, as base64; empty if it cannot be read. */
    private static java.util.Optional<String> base64(Path screenshot) {
        try {
            return java.util.Optional.of(java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(screenshot)));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Text XML 1.0 can hold: characters it forbids become U+FFFD. */
    private static String xmlText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(
                c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                        || c >= 0x10000 ? c : 0xFFFD));
        return out.toString();
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
        return Folders.sha256(submission, p -> p.toString().endsWith(".java") && !p.toString().contains("/target/"));
    }
}
