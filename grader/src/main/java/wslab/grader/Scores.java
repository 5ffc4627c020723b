package wslab.grader;

import java.util.List;

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
        boolean both = java.util.Arrays.stream(CheckRunner.Origin.values()).allMatch(o -> count(lesson, o) > 0);
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
