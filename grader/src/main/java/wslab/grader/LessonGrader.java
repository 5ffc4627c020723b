package wslab.grader;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Grades one lesson of a submission: compiles it on its own, then runs the kit's checks against it. */
public final class LessonGrader {

    /** One lesson's outcome: its checks, or why none could run. */
    public record LessonResult(String lesson, List<CheckRunner.Check> checks, String problem, double seconds) {

        public long passed() {
            return checks.stream().filter(CheckRunner.Check::passed).count();
        }
    }

    private final Kit kit;

    public LessonGrader(Kit kit) {
        this.kit = kit;
    }

    public LessonResult grade(String lesson, Path lessonFolder, Path work) {
        long start = System.nanoTime();
        Compiler.Result checks = Compiler.compile(List.of(kit.checkSources(lesson), kit.selfcheckSources()),
                Kit.graderClassPath(), work.resolve("checks"));
        if (!checks.ok()) {
            throw new IllegalStateException("the kit's checks for " + lesson + " do not compile:\n"
                    + String.join("\n", checks.messages()));
        }
        if (!Files.isDirectory(lessonFolder.resolve("src/main/java"))) {
            return failed(lesson, checks.classes(), "no lesson folder: expected Java sources in "
                    + lessonFolder.resolve("src/main/java"), start);
        }
        Compiler.Result server = Compiler.compile(List.of(lessonFolder.resolve("src/main/java"), kit.plumbingSources()),
                Kit.serverLibraries(), work.resolve("server"));
        if (!server.ok()) {
            return failed(lesson, checks.classes(), "the lesson does not compile:\n"
                    + String.join("\n", server.messages()), start);
        }
        List<CheckRunner.Check> results = CheckRunner.run(checks.classes(), server.classes(),
                server.classes() + File.pathSeparator + Kit.serverLibraries());
        return new LessonResult(lesson, results, null, (System.nanoTime() - start) / 1e9);
    }

    /** Every check of the lesson fails with the same reason (its names still come from the kit's checks). */
    private LessonResult failed(String lesson, Path checkClasses, String problem, long start) {
        List<CheckRunner.Check> checks = CheckRunner.names(checkClasses).stream()
                .map(name -> new CheckRunner.Check(name, false, "cannot check: " + problem))
                .toList();
        return new LessonResult(lesson, checks, problem, (System.nanoTime() - start) / 1e9);
    }
}
