package wslab.grader.gradescope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import wslab.grader.Folders;
import wslab.grader.Kit;
import wslab.grader.kit.SolutionMarkers;
import wslab.grading.ProcessTrees;

/**
 * The Gradescope package, built by its command, unpacked the way Gradescope does ({@code source/},
 * {@code submission/}, {@code results/} under one folder, moved there by {@code AUTOGRADER_ROOT}), and its
 * {@code run_autograder} run as a real process on real submissions.
 */
@DisplayName("the Gradescope autograder package")
class GradescopePackageTest {

    private static final Kit KIT = Kit.current();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Time for run_autograder to grade two lessons on a busy 2-core machine. */
    private static final long RUN_SECONDS = 180;
    private static Path work;
    private static Path zip;

    @BeforeAll
    static void buildPackage() throws IOException {
        work = Files.createTempDirectory("wslab-gradescope");
        zip = work.resolve("wslab-autograder.zip");
        Path jar = KIT.root().resolve("grader/jar/target/" + GradescopePackage.JAR);
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": build it first with ./mvnw -q -B package -pl grader/jar -am -DskipTests");
        int status = new CommandLine(new GradescopePackage()).execute("--out=" + zip, "--jar=" + jar);
        assertEquals(0, status, "the package command failed");
    }

    @AfterAll
    static void cleanUp() {
        Folders.delete(work);
    }

    @Test
    @DisplayName("holds setup.sh and run_autograder at its root, executable, the grader jar and the kit files; no answers")
    void layout() throws Exception {
        List<String> names = new ArrayList<>();
        try (FileSystem packed = openZip(zip)) {
            Path top = packed.getPath("/");
            try (Stream<Path> walk = Files.walk(top)) {
                for (Path entry : walk.filter(Files::isRegularFile).toList()) {
                    String name = top.relativize(entry).toString();
                    names.add(name);
                    if (!name.endsWith(".jar")) {
                        String text = Files.readString(entry, StandardCharsets.ISO_8859_1);
                        assertFalse(SolutionMarkers.holdsSolution(text), name + " holds a reference solution");
                    }
                }
            }
            for (String script : List.of("setup.sh", "run_autograder")) {
                assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(packed.getPath(script))), script + " is not executable in the zip");
            }
        }
        for (String expected : List.of("setup.sh", "run_autograder", GradescopePackage.JAR, Autograder.SETTINGS,
                "web/messages.html", "web/simon.html", "plumbing/src/main/java/wslab/plumbing/Launcher.java",
                "checks/src/main/java/wslab/checks/rules/EchoRules.java",
                "checks/src/main/resources/META-INF/services/wslab.grading.CheckSupport",
                "checks/src/grading/java/wslab/grading/CheckSupport.java")) {
            assertTrue(names.contains(expected), "the package lacks " + expected + "; it holds " + names);
        }
        for (String lesson : Kit.LESSONS) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith("exercises/" + lesson + "/src/test/java/") && n.endsWith("Test.java")),
                    "the package lacks the checks of " + lesson);
        }
        for (String name : names) {
            assertFalse(name.startsWith("solutions/") || name.contains("/solutions/"), "the package holds " + name);
            assertFalse(name.contains("fixtures"), "the package holds a grader test fixture: " + name);
            assertFalse(name.contains("/src/main/java/") && name.startsWith("exercises/"), "the package holds a starter: " + name);
            assertFalse(name.contains("/target/"), "the package holds a build output: " + name);
        }
        // The grader jar is classes only: no sources, so no solution, inside it either.
        try (ZipInputStream jar = new ZipInputStream(Files.newInputStream(unpackOne(GradescopePackage.JAR)))) {
            for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
                assertFalse(entry.getName().endsWith(".java") || entry.getName().startsWith("solutions/")
                        || entry.getName().contains("fixtures/"), "the grader jar holds " + entry.getName());
            }
        }
        for (String script : List.of("setup.sh", "run_autograder")) {
            Process check = new ProcessBuilder("bash", "-n", unpackOne(script).toString()).redirectErrorStream(true).start();
            assertTrue(check.waitFor(20, TimeUnit.SECONDS), "bash -n " + script + " did not finish");
            assertEquals(0, check.exitValue(), script + " is not valid bash: "
                    + new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("grades a repository uploaded in its own folder: a finished lesson gets full marks, a starter little")
    void gradesARepository() throws Exception {
        Path root = unpack("repository");
        Path exercises = Files.createDirectories(root.resolve("submission/wslab-main/exercises"));
        Folders.copy(KIT.root().resolve("solutions/echo"), exercises.resolve("echo"));
        Folders.copy(KIT.root().resolve("exercises/quiz5-network"), exercises.resolve("quiz5-network"));
        Files.writeString(root.resolve("submission/wslab-main/README.md"), "my work\n");

        JsonNode results = runAutograder(root, "echo,quiz5-network");

        assertEquals(20.0, results.path("max_score").asDouble(), 1e-6, "two lessons of 10 points: " + results);
        assertEquals(10.0, lessonScore(results, "echo"), 0.01, "the finished echo should get full marks: " + failed(results));
        assertTrue(lessonScore(results, "quiz5-network") < 2.0, "the quiz5 starter should get little: " + results);
        assertEquals(results.path("score").asDouble(), lessonScore(results, "echo") + lessonScore(results, "quiz5-network"), 0.01);
        assertTrue(results.path("tests").size() > 10, "a test per check: " + results);
        for (JsonNode test : results.path("tests")) {
            String lesson = test.path("tags").path(0).asText();
            assertTrue(List.of("echo", "quiz5-network").contains(lesson), "a test tagged with its lesson: " + test);
            assertTrue(test.path("name").asText().startsWith(lesson + ": "), "a test named after its lesson: " + test);
            assertTrue(test.path("status").asText().matches("passed|failed"), test.toString());
        }
        assertTrue(results.path("output").asText().contains("wslab-main/exercises"),
                "the output says what was graded: " + results.path("output"));
    }

    @Test
    @DisplayName("grades an exercises/ folder uploaded as a zip")
    void gradesAZip() throws Exception {
        Path root = unpack("zip");
        Files.createDirectories(root.resolve("submission"));
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(root.resolve("submission/my-exercises.zip")))) {
            Path echo = KIT.root().resolve("solutions/echo");
            try (Stream<Path> walk = Files.walk(echo)) {
                for (Path file : walk.filter(Files::isRegularFile).filter(p -> !echo.relativize(p).startsWith("target")).toList()) {
                    out.putNextEntry(new ZipEntry("exercises/echo/" + echo.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        }

        JsonNode results = runAutograder(root, "echo");

        assertEquals(10.0, results.path("score").asDouble(), 0.01, "the finished echo, zipped: " + failed(results));
        assertEquals(10.0, results.path("max_score").asDouble(), 1e-6);
        assertTrue(results.path("output").asText().contains("exercises/ in your zip"),
                "the output says what was graded: " + results.path("output"));
    }

    @Test
    @DisplayName("gives 0 and says why when the submission holds no lesson")
    void saysWhyNothingWasGraded() throws Exception {
        Path root = unpack("nothing");
        Files.createDirectories(root.resolve("submission"));
        Files.writeString(root.resolve("submission/notes.txt"), "I did not finish\n");

        JsonNode results = runAutograder(root, "echo");

        assertEquals(0.0, results.path("score").asDouble(), 1e-6);
        String output = results.path("output").asText();
        assertTrue(output.contains("No lesson found") && output.contains("notes.txt")
                && output.contains("echo/src/main/java"), "the output says why: " + output);
    }

    @Test
    @DisplayName("gives 0 and says why when the grader itself cannot start")
    void saysWhyTheGraderDidNotRun() throws Exception {
        Path root = unpack("broken");
        Files.delete(root.resolve("source").resolve(GradescopePackage.JAR));
        Folders.copy(KIT.root().resolve("solutions/echo"), root.resolve("submission/echo"));

        JsonNode results = runAutograder(root, "echo");

        assertEquals(0.0, results.path("score").asDouble(), 1e-6);
        assertTrue(results.path("output").asText().contains("could not run"), "the output says why: " + results);
    }

    // --- Gradescope's folders, and run_autograder as a process ---

    /** {@code <work>/<name>/source}: the package unpacked with its files' modes, as Gradescope's image holds it. */
    private static Path unpack(String name) throws IOException {
        Path root = Files.createDirectories(work.resolve(name));
        Path source = Files.createDirectories(root.resolve("source"));
        try (FileSystem packed = openZip(zip); Stream<Path> walk = Files.walk(packed.getPath("/"))) {
            for (Path entry : walk.toList()) {
                Path target = source.resolve(packed.getPath("/").relativize(entry).toString());
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(entry, target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(entry));
                }
            }
        }
        return root;
    }

    private static Path unpackOne(String entryName) throws IOException {
        Path target = work.resolve("one").resolve(entryName);
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            try (FileSystem packed = openZip(zip)) {
                Files.copy(packed.getPath(entryName), target);
            }
        }
        return target;
    }

    private static FileSystem openZip(Path file) throws IOException {
        return FileSystems.newFileSystem(file, Map.of("enablePosixFileAttributes", "true"));
    }

    /** Runs {@code source/run_autograder} itself (so it must be executable) and reads {@code results/results.json}. */
    private static JsonNode runAutograder(Path root, String lessons) throws Exception {
        Path console = root.resolve("console.txt");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("source/run_autograder").toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().put("AUTOGRADER_ROOT", root.toString());
        builder.environment().put("WSLAB_LESSONS", lessons);
        builder.environment().put("WSLAB_JOBS", "2");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process run = builder.start();
        try {
            assertTrue(run.waitFor(RUN_SECONDS, TimeUnit.SECONDS), "run_autograder did not finish within " + RUN_SECONDS + " s");
        } finally {
            ProcessTrees.end(List.of(run.toHandle()), java.time.Duration.ofSeconds(10));
        }
        assertEquals(0, run.exitValue(), "run_autograder's exit status; its console:\n" + Files.readString(console));
        Path results = root.resolve("results/results.json");
        assertTrue(Files.isRegularFile(results), "no results.json; the console:\n" + Files.readString(console));
        return JSON.readTree(results.toFile());
    }

    private static double lessonScore(JsonNode results, String lesson) {
        double score = 0;
        for (JsonNode test : results.path("tests")) {
            if (test.path("tags").path(0).asText().equals(lesson)) {
                score += test.path("score").asDouble();
            }
        }
        return score;
    }

    private static String failed(JsonNode results) {
        List<String> failed = new ArrayList<>();
        results.path("tests").forEach(t -> {
            if (!t.path("status").asText().equals("passed")) {
                failed.add(t.path("name").asText() + ": " + t.path("output").asText());
            }
        });
        return failed.isEmpty() ? results.path("output").asText() : String.join("\n", failed);
    }
}
