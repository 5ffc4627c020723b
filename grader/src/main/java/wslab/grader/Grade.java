package wslab.grader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The grader's command line: grades one submission and writes its reports. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grades a wslab submission by its behaviour and writes the reports.")
public final class Grade implements Callable<Integer> {

    @Option(names = "--submission", paramLabel = "PATH",
            description = "a student's repository, or its exercises/ folder (default: this kit's exercises/)")
    Path submission;

    @Option(names = "--lessons", paramLabel = "IDS", split = ",", defaultValue = "all",
            description = "the lessons to grade, e.g. echo,simon (default: all)")
    List<String> lessons;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/grade",
            description = "where the reports go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--min-score", paramLabel = "PERCENT", defaultValue = "0",
            description = "exit with status 1 when the score is below this percentage (default: 0, never)")
    double minScore;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "4",
            description = "lessons graded at the same time (default: ${DEFAULT-VALUE})")
    int jobs;

    public static void main(String[] args) {
        CommandLine command = new CommandLine(new Grade());
        command.setParameterExceptionHandler((e, ignored) -> {
            System.err.println("error: " + e.getMessage() + " (see --help)");
            return 2;
        });
        System.exit(command.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Kit kit = Kit.current();
        List<String> chosen = chosenLessons();
        Path lessonsFolder = lessonsFolder(submission == null ? kit.root().resolve("exercises") : submission);
        System.out.println("grading " + lessonsFolder + " (" + String.join(", ", chosen) + ")");
        long start = System.nanoTime();
        Path work = Files.createTempDirectory("wslab-grade");
        List<LessonGrader.LessonResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        LessonGrader grader = new LessonGrader(kit, work);
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        try {
            List<Future<LessonGrader.LessonResult>> pending = new ArrayList<>();
            for (String lesson : chosen) {
                pending.add(pool.submit(() -> {
                    LessonGrader.LessonResult result = grader.grade(lesson, lessonsFolder.resolve(lesson),
                            out.resolve("screenshots").resolve(lesson));
                    synchronized (System.out) {
                        System.out.printf("  [%d/%d %4.0f s] %-22s %2d of %2d checks passed%n", done.incrementAndGet(),
                                chosen.size(), (System.nanoTime() - start) / 1e9, lesson, result.passed(),
                                result.checks().size());
                    }
                    return result;
                }));
            }
            for (Future<LessonGrader.LessonResult> result : pending) {
                results.add(result.get());
            }
        } finally {
            pool.shutdownNow();
            Folders.delete(work);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Scores scores = Scores.of(results);
        Files.createDirectories(out);
        Reports.writeResultsJson(out.resolve("results.json"), scores, seconds, lessonsFolder, grader.browser());
        Reports.writeJUnitXml(out.resolve("junit.xml"), scores, seconds);
        Reports.writeHtml(out.resolve("report.html"), scores, seconds, lessonsFolder, grader.browser());
        System.out.println(scores.table());
        System.out.printf("time: %.1f s in all; compiling %.1f s, %s; summed over %d lessons graded %d at a time%n",
                seconds, results.stream().mapToDouble(LessonGrader.LessonResult::compileSeconds).sum(), grader.timings(),
                results.size(), Math.max(1, jobs));
        String cpu = Cpu.account();
        if (!cpu.isEmpty()) {
            System.out.println(cpu);
        }
        System.out.printf("reports in %s (%.1f s)%n", out.toAbsolutePath().normalize(), seconds);
        if (scores.percent() < minScore) {
            System.err.printf("error: score %.1f%% is below the minimum of %.1f%%%n", scores.percent(), minScore);
            return 1;
        }
        return 0;
    }

    private List<String> chosenLessons() {
        if (lessons.isEmpty() || lessons.equals(List.of("all"))) {
            return Kit.LESSONS;
        }
        for (String lesson : lessons) {
            if (!Kit.LESSONS.contains(lesson)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "no lesson '" + lesson + "'; the lessons are " + String.join(", ", Kit.LESSONS));
            }
        }
        return lessons;
    }

    /** A repository holds its lessons in exercises/; an exercises/ folder holds them itself. */
    private Path lessonsFolder(Path given) {
        Path folder = given.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "no folder " + folder);
        }
        return Files.isDirectory(folder.resolve("exercises")) ? folder.resolve("exercises") : folder;
    }
}
