package wslab.grader.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import wslab.grader.grading.CheckRunner;
import wslab.grader.grading.GradingSetup;
import wslab.grader.grading.LessonGrader;
import wslab.grader.grading.Scores;
import wslab.grading.SandboxUse;

/** report.html: one student's grade on one page. */
public final class ReportHtml {

    /** The report's file name. */
    public static final String FILE = "report.html";

    private ReportHtml() {
    }

    /** One HTML file, readable offline, with the screenshots inside; everything from a student is escaped. */
    public static void write(Path file, Scores scores, double seconds, Path submission, GradingSetup setup)
            throws IOException {
        String browser = setup.browser();
        SandboxUse sandbox = setup.sandbox();
        java.util.Map<String, Object> page = new java.util.HashMap<>();
        page.put("submission", submission.toString());
        page.put("score", String.format(java.util.Locale.ROOT, "%.2f", scores.score()));
        page.put("maxScore", String.format(java.util.Locale.ROOT, "%.0f", scores.maxScore()));
        page.put("percent", String.format(java.util.Locale.ROOT, "%.1f", scores.percent()));
        page.put("when", java.time.OffsetDateTime.now().withNano(0).toString());
        page.put("seconds", String.format(java.util.Locale.ROOT, "%.1f", seconds));
        page.put("grader", "wslab " + ReportFacts.version());
        page.put("java", ReportFacts.java());
        page.put("browser", browser.isEmpty() ? "not used" : browser);
        page.put("sandbox", sandbox.line());
        page.put("notSandboxed", sandbox.sandboxed() ? "" : sandbox.line());
        page.put("servers", setup.servers().line());
        page.put("notRunNote", scores.notRun() == 0 ? "" : scores.notRun() + " checks not run (the page checks, graded without a browser)");
        page.put("hash", ReportFacts.sourcesHash(submission));
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
                    check.screenshot().flatMap(ReportHtml::base64).ifPresent(png -> item.put("screenshot", png));
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
}
