package wslab.grader.reports;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import wslab.grader.grading.CheckRunner;
import wslab.grader.grading.Grading;
import wslab.grader.grading.GradingSetup;
import wslab.grader.grading.LessonGrader;
import wslab.grader.grading.Scores;
import wslab.grading.SandboxUse;

/** The class's report.html: lesson averages, a histogram of totals, the checks most failed, a link per student. */
public final class ClassReportHtml {

    private static final int BINS = 10;

    private ClassReportHtml() {
    }

    /** The class page: lesson averages, a histogram of totals, the checks most failed, a link per student. */
    public static void write(Path file, List<String> lessons, Collection<Grading.Graded> students, double seconds,
            GradingSetup setup) throws IOException {
        SandboxUse sandbox = setup.sandbox();
        List<Grading.Graded> rows = sorted(students);
        double max = lessons.size() * Scores.LESSON_POINTS;
        Map<String, Object> page = new HashMap<>();
        page.put("students", rows.size());
        page.put("lessonCount", lessons.size());
        page.put("max", String.format(Locale.ROOT, "%.0f", max));
        page.put("when", OffsetDateTime.now().withNano(0).toString());
        page.put("seconds", String.format(Locale.ROOT, "%.0f", seconds));
        page.put("sandbox", sandbox.line());
        page.put("notSandboxed", sandbox.sandboxed() ? "" : sandbox.line());
        page.put("servers", setup.servers().line());
        page.put("average", points(rows.stream().mapToDouble(g -> g.scores().score()).average().orElse(0)));
        page.put("split", String.format(Locale.ROOT, "Each lesson is worth %.0f points: %s.", Scores.LESSON_POINTS,
                Scores.SPLIT));

        List<Map<String, Object>> lessonRows = new ArrayList<>();
        for (int i = 0; i < lessons.size(); i++) {
            int index = i;
            double average = rows.stream().mapToDouble(g -> Scores.lessonScore(g.scores().lessons().get(index)))
                    .average().orElse(0);
            long full = rows.stream().filter(g -> {
                LessonGrader.LessonResult lesson = g.scores().lessons().get(index);
                return !lesson.checks().isEmpty() && lesson.passed() == lesson.checks().size();
            }).count();
            lessonRows.add(Map.of("id", lessons.get(i), "average", points(average),
                    "max", String.format(Locale.ROOT, "%.0f", Scores.LESSON_POINTS),
                    "width", String.format(Locale.ROOT, "%.1f", 100 * average / Scores.LESSON_POINTS),
                    "full", full));
        }
        page.put("lessons", lessonRows);
        page.put("histogram", histogram(rows, max));
        page.put("checks", mostFailed(rows));
        List<Map<String, Object>> studentRows = new ArrayList<>();
        for (Grading.Graded student : rows) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", student.submission().id());
            row.put("href", href(student.submission().id()));
            row.put("total", points(student.scores().score()));
            row.put("lessons", student.scores().lessons().stream().map(l -> points(Scores.lessonScore(l))).toList());
            row.put("problem", student.submission().problem() == null ? "" : student.submission().problem());
            studentRows.add(row);
        }
        page.put("lessonIds", lessons);
        page.put("rows", studentRows);
        Mustache template = new DefaultMustacheFactory().compile("wslab/grader/class-report.mustache");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            template.execute(out, page);
        }
    }

    /** Totals in {@link #BINS} equal bins from 0 to {@code max}, as bars of an inline SVG chart. */
    private static List<Map<String, Object>> histogram(List<Grading.Graded> rows, double max) {
        int[] counts = new int[BINS];
        for (Grading.Graded student : rows) {
            int bin = max == 0 ? 0 : (int) Math.floor(student.scores().score() / max * BINS);
            counts[Math.min(BINS - 1, Math.max(0, bin))]++;
        }
        int highest = Math.max(1, java.util.Arrays.stream(counts).max().orElse(1));
        List<Map<String, Object>> bars = new ArrayList<>();
        for (int i = 0; i < BINS; i++) {
            double height = 160.0 * counts[i] / highest;
            Map<String, Object> bar = new HashMap<>();
            bar.put("x", 40 + i * 56);
            bar.put("labelX", 40 + i * 56 + 24);
            bar.put("y", String.format(Locale.ROOT, "%.1f", 180 - height));
            bar.put("countY", String.format(Locale.ROOT, "%.1f", 175 - height));
            bar.put("height", String.format(Locale.ROOT, "%.1f", height));
            bar.put("count", counts[i]);
            bar.put("from", String.format(Locale.ROOT, "%.0f", max * i / BINS));
            bar.put("to", String.format(Locale.ROOT, "%.0f", max * (i + 1) / BINS));
            bars.add(bar);
        }
        return bars;
    }

    /** Every check some student failed, most failed first: what to teach again. */
    private static List<Map<String, Object>> mostFailed(List<Grading.Graded> rows) {
        Map<String, int[]> failed = new LinkedHashMap<>();
        Map<String, String[]> names = new HashMap<>();
        for (Grading.Graded student : rows) {
            for (LessonGrader.LessonResult lesson : student.scores().lessons()) {
                for (CheckRunner.Check check : lesson.checks()) {
                    String key = lesson.lesson() + "\u0000" + check.name();
                    names.putIfAbsent(key, new String[] {lesson.lesson(), check.name(), check.origin().label(),
                            points(Scores.checkPoints(lesson, check))});
                    int[] count = failed.computeIfAbsent(key, k -> new int[1]);
                    if (!check.passed()) {
                        count[0]++;
                    }
                }
            }
        }
        List<String> order = new ArrayList<>(failed.keySet());
        order.removeIf(key -> failed.get(key)[0] == 0);
        order.sort(Comparator.comparingInt((String key) -> -failed.get(key)[0]));
        List<Map<String, Object>> checks = new ArrayList<>();
        for (String key : order) {
            int count = failed.get(key)[0];
            checks.add(Map.of("lesson", names.get(key)[0], "name", names.get(key)[1], "part", names.get(key)[2],
                    "worth", names.get(key)[3], "failed", count,
                    "percent", String.format(Locale.ROOT, "%.0f", 100.0 * count / rows.size())));
        }
        return checks;
    }

    static List<Grading.Graded> sorted(Collection<Grading.Graded> students) {
        return students.stream().sorted(Comparator.comparing(g -> g.submission().id())).toList();
    }

    /** The relative link to a student's own report, whatever characters the id has. */
    private static String href(String id) {
        try {
            return new java.net.URI(null, null, id + "/report.html", null).getRawPath();
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }

    static String points(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
