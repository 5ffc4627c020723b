package wslab.grader.grading;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Points per check. Every lesson is worth the same, {@link #LESSON_POINTS}, split between the lesson's own
 * checks and those it keeps from earlier lessons as {@link #SPLIT} says, each part shared equally among its
 * checks. A lesson with checks of one origin only gives that part the whole lesson's points.
 */
public record Scores(List<LessonGrader.LessonResult> lessons) {

    public static final double LESSON_POINTS = 10;

    /**
     * How a lesson's points are split: its own checks share 70 of every 100, the checks it keeps from
     * earlier lessons (command line, robustness, the rules of the lesson it builds on) 30. An instructor who
     * wants another split changes it here; every report follows.
     */
    public static final Split SPLIT = new Split(70, 30);

    /**
     * The share of a lesson's points, in percent, that its own checks and the checks it keeps from earlier
     * lessons get; each share is divided equally among the checks of its origin.
     */
    public record Split(int thisLesson, int earlierLessons) {

        public Split {
            if (thisLesson < 0 || earlierLessons < 0 || thisLesson + earlierLessons != 100) {
                throw new IllegalArgumentException("a split of a lesson's points is two percentages, neither negative, "
                        + "that add up to 100: " + thisLesson + " and " + earlierLessons);
            }
        }

        /** The percentage of the lesson's points that checks of this origin share. */
        public int percent(CheckRunner.Origin origin) {
            return origin == CheckRunner.Origin.THIS_LESSON ? thisLesson : earlierLessons;
        }

        /** "70% this lesson, 30% kept from earlier lessons". */
        @Override
        public String toString() {
            return thisLesson + "% " + CheckRunner.Origin.THIS_LESSON.label() + ", " + earlierLessons + "% "
                    + CheckRunner.Origin.EARLIER_LESSONS.label();
        }
    }

    public static Scores of(List<LessonGrader.LessonResult> lessons) {
        return new Scores(List.copyOf(lessons));
    }

    /** How many of the lesson's checks are of this origin. */
    public static long count(LessonGrader.LessonResult lesson, CheckRunner.Origin origin) {
        return lesson.checks().stream().filter(c -> c.origin() == origin).count();
    }

    /** How many of the lesson's checks of this origin passed. */
    public static long passed(LessonGrader.LessonResult lesson, CheckRunner.Origin origin) {
        return lesson.checks().stream().filter(c -> c.origin() == origin && c.passed()).count();
    }

    /**
     * The points the lesson's checks of this origin share: {@link #SPLIT}'s part of {@link #LESSON_POINTS},
     * all of them when the lesson has no check of the other origin, none when it has no check of this one.
     */
    public static double partPoints(LessonGrader.LessonResult lesson, CheckRunner.Origin origin) {
        if (count(lesson, origin) == 0) {
            return 0;
        }
        boolean both = count(lesson, CheckRunner.Origin.THIS_LESSON) > 0 && count(lesson, CheckRunner.Origin.EARLIER_LESSONS) > 0;
        return both ? LESSON_POINTS * SPLIT.percent(origin) / 100 : LESSON_POINTS;
    }

    /** What a check of the lesson is worth when it passes: its part's points shared equally among the part's checks. */
    public static double checkPoints(LessonGrader.LessonResult lesson, CheckRunner.Check check) {
        return partPoints(lesson, check.origin()) / count(lesson, check.origin());
    }

    /** The points the lesson's passed checks of this origin earn. */
    public static double partScore(LessonGrader.LessonResult lesson, CheckRunner.Origin origin) {
        long count = count(lesson, origin);
        return count == 0 ? 0 : partPoints(lesson, origin) * passed(lesson, origin) / count;
    }

    /** The lesson's points: what its passed checks earn, {@link #LESSON_POINTS} when every check passes. */
    public static double lessonScore(LessonGrader.LessonResult lesson) {
        double score = 0;
        for (CheckRunner.Origin origin : CheckRunner.Origin.values()) {
            score += partScore(lesson, origin);
        }
        return score;
    }

    public double score() {
        return lessons.stream().mapToDouble(Scores::lessonScore).sum();
    }

    public double maxScore() {
        return lessons.size() * LESSON_POINTS;
    }

    public double percent() {
        return maxScore() == 0 ? 0 : 100 * score() / maxScore();
    }

    /** How many checks did not run (page checks graded without a browser). */
    public long notRun() {
        return lessons.stream().flatMap(l -> l.checks().stream()).filter(CheckRunner.Check::notRun).count();
    }

    /**
     * The score table for the console, a line per lesson: its checks passed, of its own and of those kept
     * from earlier lessons, and its points.
     */
    public String table() {
        StringBuilder table = new StringBuilder(String.format("%n%-22s %9s  %11s  %15s  %s%n", "lesson", "checks",
                "this lesson", "earlier lessons", "points"));
        for (LessonGrader.LessonResult lesson : lessons) {
            table.append(String.format("%-22s %9s  %11s  %15s  %5.2f / %.0f%s%n", lesson.lesson(),
                    lesson.passed() + " / " + lesson.checks().size(),
                    passed(lesson, CheckRunner.Origin.THIS_LESSON) + " / " + count(lesson, CheckRunner.Origin.THIS_LESSON),
                    passed(lesson, CheckRunner.Origin.EARLIER_LESSONS) + " / "
                            + count(lesson, CheckRunner.Origin.EARLIER_LESSONS),
                    lessonScore(lesson), LESSON_POINTS,
                    lesson.problem() == null ? "" : "   " + lesson.problem().lines().findFirst().orElse("")));
        }
        table.append(String.format("%-22s %39s  %5.2f / %.0f  (%.1f%%)", "total", "", score(), maxScore(), percent()));
        table.append(String.format("%neach lesson is worth %.0f points: %s", LESSON_POINTS, SPLIT));
        long notRun = notRun();
        if (notRun > 0) {
            table.append(String.format("%n%d checks not run (the page checks, graded without a browser): they earn nothing", notRun));
        }
        return table.toString();
    }

    /**
     * The failed checks, for the console: for each lesson that lost points, its own checks and those kept
     * from earlier lessons apart, each failed check with the points it costs and what came back.
     * Checks that could not be checked (waiting for the lesson's basic rule, a server that did not start, a
     * lesson that does not compile) or did not run are counted, a line for each reason.
     */
    public String failures() {
        StringBuilder out = new StringBuilder();
        for (LessonGrader.LessonResult lesson : lessons) {
            if (lesson.passed() == lesson.checks().size()) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%n%s: %.2f / %.0f%n", lesson.lesson(), lessonScore(lesson),
                    LESSON_POINTS));
            for (CheckRunner.Origin origin : CheckRunner.Origin.values()) {
                long count = count(lesson, origin);
                if (count == 0) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "  %s: %d of %d passed, %.2f of %.2f points%n", origin.label(),
                        passed(lesson, origin), count, partScore(lesson, origin), partPoints(lesson, origin)));
                Map<String, Integer> folded = new LinkedHashMap<>();
                for (CheckRunner.Check check : lesson.checks()) {
                    if (check.origin() != origin || check.passed()) {
                        continue;
                    }
                    if (check.waiting() || check.notRun()) {
                        folded.merge(summary(check.message()), 1, Integer::sum);
                    } else {
                        out.append(String.format(Locale.ROOT, "    FAIL -%.2f  %s%n", checkPoints(lesson, check),
                                check.name()));
                        why(check.message()).ifPresent(w -> out.append(String.format("%16s%s%n", "", w)));
                    }
                }
                folded.forEach((reason, checks) -> out.append(String.format(Locale.ROOT, "    %d %s: %s%n", checks,
                        checks == 1 ? "check" : "checks", reason)));
            }
        }
        return out.length() == 0 ? "" : "failed checks (report.html has every message in full):" + out;
    }

    /**
     * What came back, from a failure's message: its "got:" line, or else its first line after the rule
     * ("rule: ..." or "rule A6 (RULES.md): ...").
     */
    private static Optional<String> why(String message) {
        List<String> lines = message.lines().filter(l -> !l.isBlank()).toList();
        return lines.stream().filter(l -> l.startsWith("got: ")).findFirst()
                .or(() -> lines.stream().filter(l -> !l.startsWith("rule:") && !l.startsWith("rule ")).findFirst())
                .map(l -> l.length() > 150 ? l.substring(0, 150) + "..." : l);
    }

    /** A failure's first line, and its second when the first only introduces it ("...:"). */
    private static String summary(String message) {
        List<String> lines = message.lines().filter(l -> !l.isBlank()).limit(2).toList();
        if (lines.isEmpty()) {
            return "";
        }
        return lines.get(0).endsWith(":") && lines.size() > 1 ? lines.get(0) + " " + lines.get(1).strip()
                : lines.get(0);
    }
}
