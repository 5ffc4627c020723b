package wslab.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import wslab.grader.grading.Cpu;
import wslab.grader.grading.Grading;
import wslab.grader.grading.LessonGrader;
import wslab.grader.grading.Submissions;
import wslab.grader.reports.ClassReportHtml;
import wslab.grader.reports.GradesCsv;
import wslab.grader.reports.ReportHtml;
import wslab.grader.reports.StudentReports;
import wslab.grading.SandboxUse;
import wslab.grading.Setting;

/** The grader's command line: grades one submission, or a whole class, and writes the reports. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grades wslab submissions by their behaviour and writes the reports.")
public final class Grade implements Callable<Integer> {

    @Option(names = "--submission", paramLabel = "PATH", converter = OptionalPath.class,
            description = "a student's repository, or its exercises/ folder (default: this kit's exercises/)")
    Path submission;

    @Option(names = "--submissions", paramLabel = "DIR", converter = OptionalPath.class,
            description = "a class: every sub-folder of DIR, and every .zip in it, is one student (its name is the id)")
    Path submissions;

    @Option(names = "--lessons", paramLabel = "IDS", split = ",", defaultValue = "all",
            description = "the lessons to grade, e.g. echo,simon (default: all)")
    List<String> lessons;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/grade",
            description = "where the reports go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--min-score", paramLabel = "PERCENT", defaultValue = "0",
            description = "exit with status 1 when the score is below this percentage (default: 0, never);"
                    + " for a class, when any student's is")
    double minScore;

    @Option(names = "--selenium-remote", paramLabel = "URL", converter = Blank.class,
            description = "grade with the browsers of this Selenium Grid (default: a local headless Chrome or Chromium)")
    String seleniumRemote;

    @Option(names = "--server-host", paramLabel = "ADDRESS", converter = Blank.class,
            description = "the address of this computer where the servers listen and the pages are served, "
                    + "which the Grid's browsers must reach (default: 127.0.0.1)")
    String serverHost;

    @Option(names = "--server-java", paramLabel = "JDK", converter = Blank.class,
            description = "run the students' servers with this JDK, 17 or newer: its folder, what JAVA_HOME would be "
                    + "(default: the JDK that runs the grader; the reports say which)")
    String serverJava;

    @Option(names = "--no-sandbox", arity = "0..1", fallbackValue = "true",
            description = "run the students' servers as plain processes of this user, not in a bubblewrap sandbox "
                    + "(default: in the sandbox where this machine has one; the reports say whether they were)")
    boolean noSandbox;

    @Option(names = "--no-browser", arity = "0..1", fallbackValue = "true",
            description = "grade without a browser: the page checks are not run, earn nothing, and the reports list "
                    + "them as not run (default: without a browser, stop before the first check and say what to install)")
    boolean noBrowser;

    @Option(names = "--end-with-parent", arity = "0..1", fallbackValue = "true",
            description = "stop, as on Ctrl-C, once the process that started the grader is gone, even killed "
                    + "(how Maven and the tests run it; default: false)")
    boolean endWithParent;

    /** The exit status when no browser can be started for the page checks (and --no-browser was not given). */
    static final int NO_BROWSER = 3;

    @Option(names = "--jobs", paramLabel = "N",
            description = "lessons graded at the same time (default, or 0: twice the processors, here ${DEFAULT-VALUE})")
    int jobs = 2 * Runtime.getRuntime().availableProcessors();

    /** An empty value is no value: Maven passes its empty properties as {@code --option=}. */
    static final class Blank implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return value.isBlank() ? null : value.strip();
        }
    }

    /** An empty path is no path: Maven passes its empty properties as {@code --submission=}. */
    static final class OptionalPath implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return value.isBlank() ? null : Path.of(value);
        }
    }

    /** The system property that names the process that relaunched this grader ({@link GraderJvm#relaunch}): it ends with it. */
    static final String PARENT_PID = "wslab.grader.parent";

    public static void main(String[] args) {
        // java -jar: grades in a JVM that starts from the grader's class-data archive (made by the first run)
        System.exit(GraderJvm.relaunch(Grade.class, args).orElseGet(() -> CommandLines.execute(new Grade(), args)));
    }

    /** Set once the JVM ends (Ctrl-C, SIGTERM): a grade cut short is not reported, as its checks failed for it. */
    private static final java.util.concurrent.atomic.AtomicBoolean STOPPED = new java.util.concurrent.atomic.AtomicBoolean();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STOPPED.set(true), "grading-stopped"));
    }

    /** Whether the grading was stopped; if so, says so on stderr. */
    private static boolean stopped() {
        if (STOPPED.get()) {
            System.err.println("error: stopped before the grading was done: no reports");
            return true;
        }
        return false;
    }

    @Override
    public Integer call() throws Exception {
        if (endWithParent || System.getProperty(PARENT_PID) != null) {
            // Its servers and browser are ended by the shutdown hooks that System.exit runs.
            ProcessHandle.current().parent().map(ProcessHandle::onExit).ifPresent(gone -> gone.thenRun(() -> {
                System.err.println("error: stopped: the process that started the grader is gone");
                System.exit(143);
            }));
        }
        Kit kit = Kit.current();
        List<String> chosen = chosenLessons();
        if (jobs < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--jobs must be 0 or more, not " + jobs);
        }
        if (jobs == 0) {
            jobs = 2 * Runtime.getRuntime().availableProcessors();
        }
        if (submission != null && submissions != null) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "give --submission (one student) or --submissions (a class), not both");
        }
        Map<String, String> settings = new java.util.HashMap<>();
        if (seleniumRemote != null) {
            settings.put(Setting.SELENIUM_REMOTE.key(), seleniumRemote);
        }
        if (serverHost != null) {
            settings.put(Setting.SERVER_HOST.key(), serverHost);
        }
        if (serverJava != null) {
            settings.put(Setting.SERVER_JAVA.key(), serverJava);
        }
        if (noBrowser) {
            settings.put(Setting.NO_BROWSER.key(), "true");
        }
        if (noSandbox) {
            System.setProperty(Setting.SANDBOX.key(), "off");
        }
        deleteReports(out);
        Path work = Folders.temporary("wslab-grade");
        try (LessonGrader grader = newGrader(kit, work, settings)) {
            SandboxUse sandbox = grader.sandbox();
            System.out.println(sandbox.sandboxed() ? "sandbox: " + sandbox.line()
                    : "warning: " + sandbox.line() + ": the students' servers run as this user, with its rights");
            System.out.println("servers: " + grader.servers().line());
            if (!noBrowser) {
                // Started while the lessons compile; no check runs before it is: without one, nothing is graded.
                grader.startBrowser();
            }
            return submissions == null ? gradeOne(grader, kit, chosen) : gradeClass(grader, chosen);
        } catch (LessonGrader.NoBrowser e) {
            System.err.println("error: " + e.getMessage() + "; or grade without the page checks: --no-browser"
                    + " (Maven: -DnoBrowser)");
            return NO_BROWSER;
        } finally {
            Folders.delete(work);
        }
    }

    /** The reports of an earlier run, deleted first: a run that grades nothing leaves nothing that looks like a grade. */
    private static void deleteReports(Path folder) throws IOException {
        for (String report : StudentReports.FILES) {
            Files.deleteIfExists(folder.resolve(report));
        }
        Files.deleteIfExists(folder.resolve(GradesCsv.FILE));
    }

    private LessonGrader newGrader(Kit kit, Path work, Map<String, String> settings) {
        try {
            return new LessonGrader(kit, work, settings);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    private int gradeOne(LessonGrader grader, Kit kit, List<String> chosen) throws Exception {
        Path given = submission == null ? kit.root().resolve("exercises") : submission;
        if (!Files.isDirectory(given)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "no folder " + given.toAbsolutePath());
        }
        Path lessonsFolder = Submissions.lessonsFolder(given);
        System.out.println("grading " + lessonsFolder + " (" + String.join(", ", chosen) + ")");
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        Grading.Listener progress = new Grading.Listener() {
            @Override
            public void lessonDone(Submissions.Submission who, LessonGrader.LessonResult result) {
                synchronized (System.out) {
                    System.out.printf("  [%d/%d %4.0f s] %-22s %2d of %2d checks passed%n", done.incrementAndGet(),
                            chosen.size(), (System.nanoTime() - start) / 1e9, result.lesson(), result.passed(),
                            result.checks().size());
                }
            }
        };
        Grading.Graded graded = Grading.run(grader, List.of(new Submissions.Submission("", lessonsFolder, null)),
                chosen, jobs, out.resolve("screenshots"), progress).get("");
        double seconds = (System.nanoTime() - start) / 1e9;
        if (stopped()) {
            return 143;
        }
        StudentReports.write(out, graded.scores(), seconds, lessonsFolder, grader.setup());
        String failures = graded.scores().failures();
        if (!failures.isEmpty()) {
            System.out.print(System.lineSeparator() + failures);
        }
        System.out.println(graded.scores().table());
        System.out.printf(Locale.ROOT, "time: %.1f s in all; compiling %.1f s, %s; summed over %d lessons graded %d at a time%n",
                seconds, graded.scores().lessons().stream().mapToDouble(LessonGrader.LessonResult::compileSeconds).sum(),
                grader.timings(), chosen.size(), jobs);
        printCpu();
        System.out.printf("reports in %s (%.1f s)%n", out.toAbsolutePath().normalize(), seconds);
        if (graded.scores().percent() < minScore) {
            System.err.printf(Locale.ROOT, "error: score %.1f%% is below the minimum of %.1f%%%n",
                    graded.scores().percent(), minScore);
            return 1;
        }
        return 0;
    }

    private int gradeClass(LessonGrader grader, List<String> chosen) throws Exception {
        if (!Files.isDirectory(submissions)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "no folder " + submissions.toAbsolutePath());
        }
        grader.awaitBrowser(); // before a submission refused for its own reason is reported: no browser, no grades
        Path unpacked = Folders.temporary("wslab-unpacked");
        try {
            return gradeClass(grader, chosen, Submissions.inClass(submissions.toAbsolutePath().normalize(), unpacked));
        } finally {
            Folders.delete(unpacked);
        }
    }

    private int gradeClass(LessonGrader grader, List<String> chosen, List<Submissions.Submission> students)
            throws Exception {
        System.out.printf("grading %d students in %s (%s), %d lessons at a time%n", students.size(),
                submissions.toAbsolutePath().normalize(), String.join(", ", chosen), jobs);
        long start = System.nanoTime();
        Map<String, Grading.Graded> graded;
        try (ProgressBar bar = progressBar(students.size())) {
            graded = Grading.run(grader, students, chosen, jobs, out, Grading.onSubmission(student -> {
                if (STOPPED.get()) {
                    return;
                }
                try {
                    StudentReports.write(out.resolve(student.submission().id()), student.scores(), student.seconds(),
                            student.submission().lessons() == null ? submissions : student.submission().lessons(),
                            grader.setup());
                } catch (IOException e) {
                    System.err.println("error: cannot write the reports of " + student.submission().id() + ": "
                            + e.getMessage());
                }
                bar.step();
            }));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (stopped()) {
            return 143;
        }
        GradesCsv.write(out.resolve(GradesCsv.FILE), chosen, graded.values());
        ClassReportHtml.write(out.resolve(ReportHtml.FILE), chosen, graded.values(), seconds, grader.setup());
        System.out.printf(Locale.ROOT, "%-24s %8s%n", "student", "points");
        graded.values().forEach(g -> System.out.printf(Locale.ROOT, "%-24s %6.2f / %.0f%s%n", g.submission().id(),
                g.scores().score(), g.scores().maxScore(),
                g.submission().problem() == null ? "" : "   " + g.submission().problem()));
        System.out.printf(Locale.ROOT, "time: %.1f s for %d students, %.1f s a student%n", seconds, students.size(),
                seconds / students.size());
        printCpu();
        System.out.printf("reports in %s: grades.csv, report.html and a folder per student%n",
                out.toAbsolutePath().normalize());
        long below = graded.values().stream().filter(g -> g.scores().percent() < minScore).count();
        if (below > 0) {
            System.err.printf(Locale.ROOT, "error: %d students score below the minimum of %.1f%%%n", below, minScore);
            return 1;
        }
        return 0;
    }

    /** Students done of all, elapsed and time left; on a terminal one line redrawn, elsewhere a line per student. */
    private static ProgressBar progressBar(int students) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("students").setInitialMax(students)
                .setUpdateIntervalMillis(500).setStyle(ProgressBarStyle.ASCII).continuousUpdate();
        if (System.console() == null) {
            PrintStream console = System.out;
            long[] shown = {-1};
            ProgressBar[] self = new ProgressBar[1];
            builder.setConsumer(new DelegatingProgressBarConsumer(line -> {
                if (self[0] != null && self[0].getCurrent() != shown[0]) {
                    shown[0] = self[0].getCurrent();
                    console.println(line.strip());
                }
            }, 100));
            self[0] = builder.build();
            return self[0];
        }
        return builder.build();
    }

    private static void printCpu() {
        String cpu = Cpu.account();
        if (!cpu.isEmpty()) {
            System.out.println(cpu);
        }
    }

    private List<String> chosenLessons() {
        try {
            return Lesson.choose(lessons);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }
}
