package wslab.grader;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Grades lessons of a submission: compiles each lesson on its own, then runs the kit's checks against
 * it. The checks' shared support is compiled and loaded once, so that every lesson's page checks use
 * the same browser.
 */
public final class LessonGrader {

    /** One lesson's outcome: its checks, or why none could run. */
    public record LessonResult(String lesson, List<CheckRunner.Check> checks, String problem, double seconds,
                               double compileSeconds) {

        public long passed() {
            return checks.stream().filter(CheckRunner.Check::passed).count();
        }
    }

    private final Kit kit;
    private final Path work;
    private final ClassLoader support;
    /** The kit's checks, compiled once per lesson however many submissions are graded. */
    private final Map<String, Compiler.Result> compiledChecks = new java.util.concurrent.ConcurrentHashMap<>();

    /** Compiles the checks' shared support into {@code work}. */
    public LessonGrader(Kit kit, Path work) {
        this.kit = kit;
        this.work = work;
        Compiler.Result selfcheck = Compiler.compile(List.of(kit.selfcheckSources()), Kit.graderClassPath(),
                work.resolve("selfcheck"));
        if (!selfcheck.ok()) {
            throw new IllegalStateException("the kit's check support does not compile:\n"
                    + String.join("\n", selfcheck.messages()));
        }
        this.support = new URLClassLoader(new URL[] {CheckRunner.url(selfcheck.classes())},
                LessonGrader.class.getClassLoader());
    }

    /** Grades the lesson {@code lesson} found in {@code lessonFolder}; screenshots go to {@code evidence}. */
    public LessonResult grade(String lesson, Path lessonFolder, Path evidence) {
        long start = System.nanoTime();
        Path lessonWork;
        try {
            lessonWork = Files.createTempDirectory(work, lesson + "-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Compiler.Result checks = checks(lesson);
        if (!Files.isDirectory(lessonFolder.resolve("src/main/java"))) {
            return failed(lesson, checks.classes(), "no lesson folder: expected Java sources in "
                    + lessonFolder.resolve("src/main/java"), start);
        }
        Compiler.Result server = Compiler.compile(List.of(lessonFolder.resolve("src/main/java"), kit.plumbingSources()),
                Kit.serverLibraries(), lessonWork.resolve("server"));
        double compiled = (System.nanoTime() - start) / 1e9;
        if (!server.ok()) {
            return failed(lesson, checks.classes(), "the lesson does not compile:\n"
                    + String.join("\n", server.messages()), start);
        }
        Map<String, String> parameters = Map.of(
                "wslab.server.classes", server.classes().toString(),
                "wslab.server.classpath", server.classes() + File.pathSeparator + Kit.serverLibraries(),
                "wslab.web", kit.root().resolve("web").toString(),
                "wslab.screenshots", evidence.toString());
        List<CheckRunner.Check> results = CheckRunner.run(support, checks.classes(), parameters);
        return new LessonResult(lesson, results, null, (System.nanoTime() - start) / 1e9, compiled);
    }

    /** Every check of the lesson fails for {@code problem}, a reason found before any check could run. */
    public LessonResult refuse(String lesson, String problem) {
        return failed(lesson, checks(lesson).classes(), problem, System.nanoTime());
    }

    private Compiler.Result checks(String lesson) {
        return compiledChecks.computeIfAbsent(lesson, id -> {
            Compiler.Result checks = Compiler.compile(List.of(kit.checkSources(id)),
                    Kit.graderClassPath() + File.pathSeparator + work.resolve("selfcheck"),
                    work.resolve("checks").resolve(id));
            if (!checks.ok()) {
                throw new IllegalStateException("the kit's checks for " + id + " do not compile:\n"
                        + String.join("\n", checks.messages()));
            }
            return checks;
        });
    }

    /** The browser the page checks used, from the checks' own support (empty if none was started). */
    public String browser() {
        try {
            return String.valueOf(support.loadClass("wslab.selfcheck.Browser").getMethod("description").invoke(null));
        } catch (ReflectiveOperationException e) {
            return "";
        }
    }

    /** Where the time went, from the checks' own support: servers started, their start-up, the browser's. */
    public String timings() {
        try {
            Class<?> process = support.loadClass("wslab.selfcheck.LessonProcess");
            String[] starts = String.valueOf(process.getMethod("startTimings").invoke(null)).split(" ");
            double browser = (double) support.loadClass("wslab.selfcheck.Browser").getMethod("startSeconds").invoke(null);
            return String.format(java.util.Locale.ROOT, "%s server starts taking %.1f s in all, browser start %.1f s",
                    starts[0], Double.parseDouble(starts[1]), browser);
        } catch (ReflectiveOperationException e) {
            return "";
        }
    }

    /** Every check of the lesson fails with the same reason (its names still come from the kit's checks). */
    private LessonResult failed(String lesson, Path checkClasses, String problem, long start) {
        List<CheckRunner.Check> checks = CheckRunner.names(support, checkClasses).stream()
                .map(name -> new CheckRunner.Check(name, false, "cannot check: " + problem))
                .toList();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new LessonResult(lesson, checks, problem, seconds, seconds);
    }
}
