package wslab.grader.classroom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import wslab.grader.Kit;
import wslab.grader.kit.SolutionMarkers;

/**
 * Writes the GitHub Classroom template repository: the kit as a student gets it. Left out is what gives
 * the answers away or needs them ({@code solutions/}; the kit's proof suite, whose fixtures are solutions
 * with one fault each and which grades the solutions; the plumbing's tests, whose echo server is the echo
 * lesson's answer; the exercise generator and the grader's benchmark, which read {@code solutions/}) and
 * what only the kit's authors use (its CI script, this export). The root pom loses the modules left out
 * and the grader's pom the executions of what was left out, so the folder
 * builds on its own. Added: {@code .github/workflows/classroom.yml}, which grades every push and reports the
 * points to Classroom, and a README for the student.
 */
@Command(name = "classroom-export", mixinStandardHelpOptions = true,
        description = "Writes the kit, without its solutions, as a GitHub Classroom template repository.")
public final class ClassroomExport implements Callable<Integer> {

    /** The workflow, relative to the exported folder. */
    public static final String WORKFLOW = ".github/workflows/classroom.yml";

    /** Names left out wherever they are: build output, version control, editors' files, a lesson's log. */
    private static final Set<String> NAMES_LEFT_OUT = Set.of(".git", "target", ".idea", ".vscode", ".settings",
            ".classpath", ".project", "node_modules", "messages.log");

    /** Paths left out, relative to the kit's top folder. */
    private static final List<String> PATHS_LEFT_OUT = List.of(
            "solutions", // the reference solutions
            "grader/src/test", // the grader's own unit tests, which read the kit's sources
            "grader/proof", // the kit's proof suite: fixtures are solutions with one fault each; tests grade solutions/
            "grader/grid", // the Selenium Grid the proof suite grades through
            "grader/jar", // the grader as one jar, for the instructor's Gradescope package
            "grader/benchmark", // grades the solutions
            "grader/benchmark-class", // grades classes made of the solutions
            "grader/src/main/java/wslab/grader/gradescope", // the instructor's Gradescope package
            "grader/src/main/resources/wslab/grader/gradescope",
            "plumbing/src/test", // the plumbing's own tests: their small echo server is the echo lesson's answer
            "grader/src/main/java/wslab/grader/kit", // the exercise generator reads solutions/
            "grader/src/main/java/wslab/grader/classroom/ClassroomExport.java", // this export, and what only it uses
            "grader/src/main/java/wslab/grader/classroom/TemplatePoms.java",
            "grader/src/main/java/wslab/grader/classroom/StudentReadme.java",
            "grader/src/main/resources/wslab/grader/classroom", // what this export writes
            ".ci", // the kit's own CI; the workflow takes its place
            ".github", // the kit's own workflows, if any
            "README.md"); // the kit's README is for its authors; the student gets their own

    /** The grader pom's executions that run what was left out. */
    private static final Set<String> EXECUTIONS_LEFT_OUT = Set.of("generate-exercises", "classroom-export");

    /** The root pom's modules that were left out. */
    private static final Set<String> MODULES_LEFT_OUT = Set.of("solutions", "grader/jar", "grader/grid",
            "grader/proof");

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "an empty or new folder for the template repository")
    Path out;

    public static void main(String[] args) {
        int status = wslab.grader.CommandLines.execute(new ClassroomExport(), args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() throws IOException {
        if (out.toString().contains("${")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "give the folder to write: -Dout=DIR");
        }
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new CommandLine.ParameterException(new CommandLine(this), target + " is a file, not a folder");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            target + " is not empty; give a new or empty folder");
                }
            }
        }
        Kit kit = Kit.current();
        if (target.startsWith(kit.root())) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    target + " is inside the kit; give a folder outside " + kit.root());
        }
        int files = export(kit.root(), target);
        System.out.printf("wrote %d files to %s: the GitHub Classroom template repository, without solutions/%n",
                files, target);
        System.out.println("next: git init, commit, push it to GitHub, mark it a template repository, and make it "
                + "the assignment's starter code");
        return 0;
    }

    /** Writes the template repository from the kit in {@code kit} into {@code target}; returns its file count. */
    public static int export(Path kit, Path target) throws IOException {
        Files.createDirectories(target);
        List<Path> copied = new ArrayList<>();
        Files.walkFileTree(kit, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(kit) && leftOut(kit.relativize(dir))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(kit.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = kit.relativize(file);
                if (attrs.isRegularFile() && !leftOut(relative)) {
                    Path copy = target.resolve(relative.toString());
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    copied.add(copy);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        TemplatePoms.withoutModules(target.resolve("pom.xml"), MODULES_LEFT_OUT);
        TemplatePoms.withoutExecutions(target.resolve("grader/pom.xml"), EXECUTIONS_LEFT_OUT);
        replaceIn(target.resolve("plumbing/pom.xml"), "(see solutions/pom.xml)", "(see exercises/pom.xml)");
        Path workflow = target.resolve(WORKFLOW);
        Files.createDirectories(workflow.getParent());
        Files.writeString(workflow, resource("classroom.yml"));
        Files.writeString(target.resolve("README.md"), StudentReadme.from(kit.resolve("README.md"), resource("README-classroom.md")));
        refuseAnswers(target);
        try (Stream<Path> walk = Files.walk(target)) {
            return (int) walk.filter(Files::isRegularFile).count();
        }
    }

    private static boolean leftOut(Path relative) {
        for (Path name : relative) {
            if (NAMES_LEFT_OUT.contains(name.toString()) || name.toString().endsWith(".class")
                    || name.toString().endsWith(".iml")) {
                return true;
            }
        }
        String path = relative.toString().replace('\\', '/');
        return PATHS_LEFT_OUT.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    /** A last look: no solution marker may be left anywhere in the export. */
    private static void refuseAnswers(Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (java.nio.charset.MalformedInputException e) {
                    continue; // not text
                }
                Optional<String> marker = SolutionMarkers.markerIn(text);
                if (marker.isPresent()) {
                    throw new IllegalStateException("the export would give an answer away: " + target.relativize(file)
                            + " holds the solution marker '" + marker.get() + "'");
                }
            }
        }
    }

    private static void replaceIn(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.contains(from)) {
            Files.writeString(file, text.replace(from, to));
        }
    }

    static String resource(String name) {
        try (InputStream in = ClassroomExport.class.getResourceAsStream("/wslab/grader/classroom/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the grader lacks its resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
