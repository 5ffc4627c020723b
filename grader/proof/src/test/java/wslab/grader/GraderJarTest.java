package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wslab.grader.gradescope.GradescopePackage;

/** The grader jar, run as a user runs it: {@code java -jar wslab-grader.jar}. */
@DisplayName("the grader jar")
class GraderJarTest {

    private static final Kit KIT = Kit.current();

    @TempDir
    Path work;

    private ProcessBuilder jar(Path cache, Path out) {
        Path jar = KIT.root().resolve("grader/jar/target/" + GradescopePackage.JAR);
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": build it first with ./mvnw -q -B package -pl grader/jar -am -DskipTests");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dwslab.kit=" + KIT.root(), "-jar", jar.toString(), "--submission=" + KIT.root().resolve("solutions"),
                "--lessons=receiver", "--out=" + out).redirectErrorStream(true);
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        return builder;
    }

    private static JsonNode results(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("results.json").toFile());
    }

    @Test
    @DisplayName("writes its class-data archive on its first run and starts from it on the next, with the same grade")
    void startsFromItsArchive() throws Exception {
        Path cache = work.resolve("cache");
        Path first = work.resolve("first");
        Path second = work.resolve("second");
        for (Path out : List.of(first, second)) {
            Process grader = jar(cache, out).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(grader.waitFor(180, TimeUnit.SECONDS), "graded within 180 s");
            assertEquals(0, grader.exitValue());
        }
        assertTrue(results(first).path("extra_data").path("java").asText().endsWith("writing one for the next runs"),
                results(first).path("extra_data").toString());
        assertTrue(results(second).path("extra_data").path("java").asText().endsWith("started from its class-data archive"),
                results(second).path("extra_data").toString());
        assertEquals(results(first).path("score"), results(second).path("score"));
        assertEquals(10.0, results(second).path("score").asDouble());
        try (Stream<Path> archives = Files.list(cache.resolve("wslab/grader"))) {
            List<Path> files = archives.toList();
            assertEquals(1, files.size(), files.toString());
            assertFalse(files.get(0).getFileName().toString().startsWith("partial-"), files.toString());
        }
    }

    @Test
    @DisplayName("stops, with the JVM it grades in and every server, on SIGTERM")
    void stopsOnSigterm() throws Exception {
        Process grader = jar(work.resolve("cache"), work.resolve("out")).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(grader.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.startsWith("grading "));
            assertTrue(line != null, "the grader said it is grading");
            List<ProcessHandle> below = grader.descendants().toList();
            grader.destroy();
            assertTrue(grader.waitFor(40, TimeUnit.SECONDS), "ended within 40 s of SIGTERM");
            for (ProcessHandle process : below) {
                assertTrue(process.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join() == null
                        || !process.isAlive(), "gone: " + process.info().command().orElse("" + process.pid()));
            }
            assertFalse(below.stream().anyMatch(ProcessHandle::isAlive), "nothing left running");
        }
        assertFalse(Files.exists(work.resolve("out/results.json")), "no grade from a grading cut short");
    }
}
