package wslab.grader.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import wslab.grader.Grade;
import wslab.grader.Kit;
import wslab.grader.grading.CheckRunner;
import wslab.grader.grading.LessonGrader;
import wslab.grader.grading.Scores;
import wslab.grader.kit.SolutionMarkers;
import wslab.grading.ProcessTrees;

/**
 * The GitHub Classroom template: exported into a temporary folder, it holds no answer, and builds and grades
 * on its own, as a real Maven process, with the local repository of the build that runs this test (online, so
 * that nothing depends on what an earlier, different build happened to download).
 */
@DisplayName("the GitHub Classroom export")
@Execution(ExecutionMode.SAME_THREAD) // the build writes into the folder the other checks read
// Alone: it runs whole grader builds or runs, whose load would slow the timed checks of the tests beside it.
@Isolated
class ClassroomExportTest {

    private static final Kit KIT = Kit.current();
    private static final long BUILD_MINUTES = 4;
    /** The local Maven repository of the build that runs this test (the pom passes it on). */
    private static final String LOCAL_REPOSITORY = "-Dmaven.repo.local=" + System.getProperty("wslab.maven.repo",
            Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
    @TempDir
    static Path work;
    private static Path exported;

    @BeforeAll
    static void export() throws IOException {
        exported = work.resolve("template");
        ClassroomExport.export(KIT.root(), exported);
    }

    @Test
    @DisplayName("leaves out the solutions, the fixtures and every line of a solution")
    void noAnswers() throws IOException {
        assertFalse(Files.exists(exported.resolve("solutions")));
        assertFalse(Files.exists(exported.resolve("grader/proof")), "the proof suite and its fixtures");
        assertFalse(Files.exists(exported.resolve("grader/grid")), "the proof suite's Selenium Grid");
        assertFalse(Files.exists(exported.resolve("grader/src/test")), "the grader's own tests");
        assertFalse(Files.exists(exported.resolve("plumbing/src/test")), "the plumbing's tests and their echo server");
        assertFalse(Files.exists(exported.resolve("grader/src/main/java/wslab/grader/kit")), "the generator reads solutions/");
        assertTrue(Files.isRegularFile(exported.resolve("exercises/echo/src/main/java/wslab/echo/EchoServer.java")));
        assertTrue(Files.isExecutable(exported.resolve("mvnw")));

        Map<String, Set<String>> solutionLines = solutionLines();
        assertEquals(Set.copyOf(Kit.LESSONS), solutionLines.keySet());
        assertTrue(solutionLines.values().stream().mapToInt(Set::size).sum() > 20, "solution lines found: " + solutionLines);
        List<String> leaks = new ArrayList<>();
        List<String> carried = new ArrayList<>();
        for (Path file : files(exported)) {
            String text = text(file);
            String where = exported.relativize(file).toString().replace('\\', '/');
            solutionLines.forEach((lesson, lines) -> {
                for (String line : lines) {
                    if (text.contains(line)) {
                        (carriedOver(lesson, where) ? carried : leaks).add(where + ": " + lesson + "'s \"" + line + "\"");
                    }
                }
            });
        }
        assertEquals(List.of(), leaks, "solution text in the export");
        // By the kit's design a lesson's starter begins from the lessons it builds on done, and its checks are the
        // student's to read: said here, so that what a later starter hands out stays in view.
        System.out.println("solution lines the export holds by design, in later lessons' starters or the lesson's checks:\n  "
                + String.join("\n  ", carried));
    }

    /** The file of the lesson's own rules in checks/: the class its test extends, e.g. NetworkRules for quiz 5. */
    private static String rulesOf(String lesson) {
        try (Stream<Path> tests = Files.walk(KIT.root().resolve("exercises").resolve(lesson).resolve("src/test/java"))) {
            for (Path test : tests.filter(p -> p.toString().endsWith(".java")).toList()) {
                java.util.regex.Matcher rules = java.util.regex.Pattern.compile("extends (\\w+Rules)\\b").matcher(Files.readString(test));
                if (rules.find()) {
                    return "checks/src/main/java/wslab/checks/harness/" + rules.group(1) + ".java";
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return "";
    }

    /**
     * Whether {@code lesson}'s solution may show in the exported file {@code where}: in the starter of a lesson
     * built on it (which starts from it done), or in the lesson's own checks.
     */
    private static boolean carriedOver(String lesson, String where) {
        if (where.startsWith("exercises/" + lesson + "/src/test/java/") || where.equals(rulesOf(lesson))) {
            return true;
        }
        for (wslab.grader.Lesson later : wslab.grader.Lesson.values()) {
            for (var base = later.buildsOn(); base.isPresent(); base = base.get().buildsOn()) {
                if (base.get().id().equals(lesson) && where.startsWith("exercises/" + later.id() + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    @DisplayName("drops the solutions module and what reads solutions/ from the poms")
    void pomsBuildWithoutSolutions() throws IOException {
        String root = Files.readString(exported.resolve("pom.xml"));
        assertFalse(root.contains("<module>solutions</module>"), root);
        assertTrue(root.contains("<module>grader</module>") && root.contains("<module>plumbing</module>"), root);
        String grader = Files.readString(exported.resolve("grader/pom.xml"));
        assertFalse(grader.contains("ExerciseGenerator") || grader.contains("ClassroomExport"), grader);
        assertTrue(grader.contains("wslab.grader.Grade"), grader);
        assertTrue(Files.readString(exported.resolve("README.md")).contains("## GitHub Classroom"));
    }

    @Test
    @DisplayName("adds a workflow that grades every push and hands the points to Classroom's reporter")
    void workflow() throws IOException {
        JsonNode workflow = new YAMLMapper().readTree(exported.resolve(ClassroomExport.WORKFLOW).toFile());
        assertTrue(workflow.get("on").toString().contains("push"), workflow.toString());
        JsonNode steps = workflow.get("jobs").get("run-autograding-tests").get("steps");
        Map<String, JsonNode> byUses = new LinkedHashMap<>();
        steps.forEach(step -> byUses.put(step.path("uses").asText(step.path("name").asText()), step));
        JsonNode java = byUses.get("actions/setup-java@v4");
        assertEquals("17", java.get("with").get("java-version").asText());
        assertEquals("temurin", java.get("with").get("distribution").asText());
        assertEquals("maven", java.get("with").get("cache").asText());
        assertTrue(steps.toString().contains("apt-get install -y -qq chromium chromium-driver"));
        assertTrue(steps.toString().contains("./mvnw -B verify -pl grader"));
        JsonNode reporter = byUses.get("classroom-resources/autograding-grading-reporter@v1");
        assertEquals("wslab", reporter.get("with").get("runners").asText());
        assertEquals("${{ steps.wslab.outputs.result }}", reporter.get("env").get("WSLAB_RESULTS").asText());
        assertNotEquals(null, step(workflow, "wslab"), "the step whose output the reporter reads");
    }

    @Test
    @DisplayName("builds and grades on its own; the untouched starter scores low and fails its self-check")
    void buildsAndGradesOnItsOwn() throws Exception {
        // The grading build and a lesson's self-check, side by side: both mostly wait on servers and a browser.
        Process grading = maven(List.of("./mvnw", "-q", "-B", LOCAL_REPOSITORY, "verify", "-pl", "grader", "-Dlessons=echo"), "grading");
        Process selfCheck = maven(List.of("./mvnw", "-q", "-B", LOCAL_REPOSITORY, "test", "-f", "exercises/echo"), "self-check");
        int graded = finish(grading, "grading");
        int checked = finish(selfCheck, "self-check");

        assertEquals(0, graded, () -> "the exported grader's build failed:\n" + log("grading"));
        JsonNode gradescope = new ObjectMapper().readTree(exported.resolve("grader/target/grade/results.json").toFile());
        assertEquals(10.0, gradescope.get("max_score").asDouble(), "one lesson graded");
        assertTrue(gradescope.get("score").asDouble() < 1, "the starter scores low: " + gradescope.get("score"));
        assertTrue(gradescope.get("tests").size() > 5, gradescope.toString());
        assertNotEquals(0, checked, () -> "the starter passes its self-check:\n" + log("self-check"));
        assertTrue(log("self-check").contains("[XX] sends a text message back unchanged"), () -> log("self-check"));

        // The classroom result: from the exported grader itself once Grade writes it; until then, written here
        // from the exported grader's own results, as Grade will write it.
        Path base64 = exported.resolve("grader/target/grade").resolve(ClassroomResult.BASE64_FILE);
        boolean wired = Files.readString(exported.resolve("grader/src/main/java/wslab/grader/Grade.java"))
                .contains("ClassroomResult.write(");
        if (wired) {
            assertTrue(Files.isRegularFile(base64), "Grade writes " + base64);
        } else {
            ClassroomResult.write(base64.getParent(), scoresOf(gradescope));
        }

        // The workflow's own step hands it to the reporter, which reads it back as below.
        Path output = work.resolve("github-output");
        Files.writeString(output, "");
        Path script = work.resolve("step.sh");
        Files.writeString(script, step(new YAMLMapper().readTree(exported.resolve(ClassroomExport.WORKFLOW).toFile()),
                "wslab").get("run").asText());
        ProcessBuilder stepProcess = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
                .directory(exported.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("step.log").toFile());
        stepProcess.environment().put("GITHUB_OUTPUT", output.toString());
        Process step = stepProcess.start();
        assertTrue(step.waitFor(30, TimeUnit.SECONDS), "the step ends");
        assertEquals(0, step.exitValue(), () -> log(work.resolve("step.log")));

        String line = Files.readAllLines(output).stream().filter(l -> l.startsWith("result=")).findFirst().orElseThrow();
        JsonNode result = new ObjectMapper().readTree(new String(Base64.getDecoder().decode(line.substring("result=".length())),
                StandardCharsets.UTF_8));
        assertEquals(1, result.get("version").asInt());
        assertEquals("fail", result.get("status").asText());
        assertEquals(10.0, result.get("max_score").asDouble());
        assertEquals(gradescope.get("tests").size(), result.get("tests").size());
        double points = 0;
        for (JsonNode test : result.get("tests")) {
            points += test.get("score").asDouble();
        }
        assertEquals(gradescope.get("score").asDouble(), points, 0.006, "the points Classroom is told");
    }

    /** The Scores the exported grader found, read back from its results.json. */
    private static Scores scoresOf(JsonNode gradescope) {
        Map<String, List<CheckRunner.Check>> lessons = new LinkedHashMap<>();
        for (JsonNode test : gradescope.get("tests")) {
            String lesson = test.get("tags").get(0).asText();
            lessons.computeIfAbsent(lesson, l -> new ArrayList<>()).add(new CheckRunner.Check(
                    test.get("name").asText().substring(lesson.length() + 2), test.get("status").asText().equals("passed"),
                    test.get("output").asText()));
        }
        return Scores.of(lessons.entrySet().stream()
                .map(e -> new LessonGrader.LessonResult(e.getKey(), e.getValue(), null, 0, 0)).toList());
    }

    private static JsonNode step(JsonNode workflow, String id) {
        for (JsonNode step : workflow.get("jobs").get("run-autograding-tests").get("steps")) {
            if (id.equals(step.path("id").asText())) {
                return step;
            }
        }
        return null;
    }

    private static Process maven(List<String> command, String name) throws IOException {
        return new ProcessBuilder(command).directory(exported.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
    }

    /** Waits for a build, at most {@link #BUILD_MINUTES}, then ends it and everything it started. */
    private static int finish(Process process, String name) throws InterruptedException {
        if (!process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
            ProcessTrees.end(List.of(process.toHandle()), java.time.Duration.ofSeconds(10));
            throw new AssertionError("the " + name + " build took over " + BUILD_MINUTES + " minutes:\n" + log(name));
        }
        return process.exitValue();
    }

    private static String log(String name) {
        return log(work.resolve(name + ".log"));
    }

    private static String log(Path file) {
        try {
            String text = Files.readString(file);
            return text.length() > 6_000 ? "...\n" + text.substring(text.length() - 6_000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Every line each lesson's solution writes between its markers, trimmed, longer than 25 characters, unless
     * the kit hands that same line out anyway (outside the markers of a solution, in the plumbing or the checks), like
     * {@code } catch (RuntimeException e) {}: such a line gives nothing away.
     */
    private static Map<String, Set<String>> solutionLines() throws IOException {
        Set<String> handedOut = new java.util.HashSet<>();
        for (String handed : List.of("plumbing/src", "checks/src")) {
            for (Path file : files(KIT.root().resolve(handed))) {
                Files.readAllLines(file).forEach(line -> handedOut.add(line.strip()));
            }
        }
        Map<String, Set<String>> lines = new LinkedHashMap<>();
        for (String lesson : Kit.LESSONS) {
            Set<String> found = lines.computeIfAbsent(lesson, l -> new LinkedHashSet<>());
            for (Path file : files(KIT.root().resolve("solutions").resolve(lesson).resolve("src/main/java"))) {
                boolean inside = false;
                for (String line : Files.readAllLines(file)) {
                    String trimmed = line.strip();
                    if (SolutionMarkers.isBegin(line)) {
                        inside = true;
                    } else if (SolutionMarkers.isEnd(line)) {
                        inside = false;
                    } else if (inside && trimmed.length() > 25) {
                        found.add(trimmed);
                    } else if (!inside) {
                        handedOut.add(trimmed);
                    }
                }
            }
        }
        lines.values().forEach(found -> found.removeAll(handedOut));
        return lines;
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/target/")).toList();
        }
    }

    private static String text(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        }
    }
}
