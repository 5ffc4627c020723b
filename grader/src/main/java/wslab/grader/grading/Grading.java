package wslab.grader.grading;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import wslab.grader.Kit;

/**
 * Grades submissions lesson by lesson on a bounded pool, every lesson of every student a task of its
 * own, so that one student's slow lesson never holds up the others beyond its own time limit. Whatever
 * happens while grading a lesson becomes that lesson's result; nothing stops the rest.
 */
public final class Grading {

    /** One submission's grade: its lessons' results, and the wall time from its first lesson to its last. */
    public record Graded(Submissions.Submission submission, Scores scores, double seconds) {
    }

    /** Told of each lesson graded and of each submission whose lessons are all graded. */
    public interface Listener {
        default void lessonDone(Submissions.Submission submission, LessonGrader.LessonResult result) {
        }

        default void submissionDone(Graded graded) {
        }
    }

    private Grading() {
    }

    /** Grades {@code lessons} of every submission, {@code jobs} lessons at a time; results in the given order. */
    public static Map<String, Graded> run(LessonGrader grader, List<Submissions.Submission> submissions,
                                          List<String> lessons, int jobs, Path evidence, Listener listener)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), runnable -> {
            Thread thread = new Thread(runnable, "grade-lesson");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, Graded> graded = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        List<Future<?>> pending = new ArrayList<>();
        try {
            for (Submissions.Submission submission : submissions) {
                LessonGrader.LessonResult[] results = new LessonGrader.LessonResult[lessons.size()];
                AtomicInteger left = new AtomicInteger(lessons.size());
                long[] started = {Long.MAX_VALUE};
                for (int index : longestFirst(lessons)) {
                    String lesson = lessons.get(index);
                    pending.add(pool.submit(() -> {
                        synchronized (started) {
                            started[0] = Math.min(started[0], System.nanoTime());
                        }
                        Path screenshots = submission.id().isEmpty() ? evidence.resolve(lesson)
                                : evidence.resolve(submission.id()).resolve("screenshots").resolve(lesson);
                        results[index] = gradeOne(grader, submission, lesson, screenshots);
                        listener.lessonDone(submission, results[index]);
                        if (left.decrementAndGet() == 0) {
                            Graded done = new Graded(submission, Scores.of(Arrays.asList(results)),
                                    (System.nanoTime() - started[0]) / 1e9);
                            graded.put(submission.id(), done);
                            listener.submissionDone(done);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> task : pending) {
                try {
                    task.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof LessonGrader.NoBrowser none) {
                        throw none; // no check has run: nothing is graded
                    }
                    throw new IllegalStateException("grading failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Graded> ordered = new LinkedHashMap<>();
        submissions.forEach(s -> ordered.put(s.id(), graded.get(s.id())));
        return ordered;
    }

    /**
     * The positions of {@code lessons} in {@link Kit#GRADING_ORDER}: the lessons whose checks take longest
     * (on a correct submission, or on an untouched starter) first, so that none is still running alone at
     * the end.
     */
    static List<Integer> longestFirst(List<String> lessons) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < lessons.size(); i++) {
            positions.add(i);
        }
        positions.sort(java.util.Comparator.comparingInt(i -> {
            int rank = Kit.GRADING_ORDER.indexOf(lessons.get(i));
            return rank < 0 ? Kit.GRADING_ORDER.size() : rank;
        }));
        return positions;
    }

    private static LessonGrader.LessonResult gradeOne(LessonGrader grader, Submissions.Submission submission,
                                                      String lesson, Path screenshots) {
        if (submission.problem() != null) {
            return grader.refuse(lesson, submission.problem());
        }
        try {
            return grader.grade(lesson, submission.lessons().resolve(lesson), screenshots);
        } catch (LessonGrader.NoBrowser e) {
            throw e;
        } catch (RuntimeException | Error e) {
            return grader.refuse(lesson, "the grader could not grade this lesson: " + e);
        }
    }

    /** A listener that passes each finished submission to {@code action}. */
    public static Listener onSubmission(Consumer<Graded> action) {
        return new Listener() {
            @Override
            public void submissionDone(Graded graded) {
                action.accept(graded);
            }
        };
    }
}
