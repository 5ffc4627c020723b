package wslab.grader;

import java.util.List;

/** Points per check: every lesson is worth the same, shared equally among its checks. */
public record Scores(List<LessonGrader.LessonResult> lessons) {

    public static final double LESSON_POINTS = 10;

    public static Scores of(List<LessonGrader.LessonResult> lessons) {
        return new Scores(List.copyOf(lessons));
    }

    public static double checkPoints(LessonGrader.LessonResult lesson) {
        return lesson.checks().isEmpty() ? 0 : LESSON_POINTS / lesson.checks().size();
    }

    public static double lessonScore(LessonGrader.LessonResult lesson) {
        return lesson.passed() * checkPoints(lesson);
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

    /** The score table for the console, a line per lesson. */
    public String table() {
        StringBuilder table = new StringBuilder(String.format("%n%-22s %8s %8s%n", "lesson", "checks", "points"));
        for (LessonGrader.LessonResult lesson : lessons) {
            table.append(String.format("%-22s %3d / %-3d %5.2f / %.0f%s%n", lesson.lesson(), lesson.passed(),
                    lesson.checks().size(), lessonScore(lesson), LESSON_POINTS,
                    lesson.problem() == null ? "" : "   " + lesson.problem().lines().findFirst().orElse("")));
        }
        table.append(String.format("%-22s %9s %5.2f / %.0f  (%.1f%%)", "total", "", score(), maxScore(), percent()));
        long notRun = notRun();
        if (notRun > 0) {
            table.append(String.format("%n%d checks not run (the page checks, graded without a browser): they earn nothing", notRun));
        }
        return table.toString();
    }
}
