package wslab.grader;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wslab.grading.Setting;
import wslab.grader.grading.Grading;
import wslab.grader.grading.LessonGrader;
import wslab.grader.grading.Scores;
import wslab.grading.ProcessTrees;

/**
 * Grading with the browsers of a Selenium Grid (-Dselenium.remote): a real Grid server, standalone on
 * 127.0.0.1, whose node drives this machine's Chromium. The Grid runs on its own class path (its own
 * Selenium version), which the module grader/grid writes to grader/grid/target/grid.classpath.
 */
@DisplayName("grading through a Selenium Grid")
class GridTest {

    private static final Kit KIT = Kit.current();
    private static final String STEREOTYPE = "{\"browserName\":\"chrome\",\"goog:chromeOptions\":{"
            + "\"binary\":\"/usr/bin/chromium\",\"args\":[\"--headless=new\",\"--no-sandbox\",\"--disable-gpu\","
            + "\"--disable-background-networking\",\"--disable-component-update\",\"--no-first-run\","
            + "\"--disable-sync\"]}}";

    @TempDir
    Path scratch;

    @Test
    @DisplayName("the reference echo and simon get full marks with the Grid's browser, which is left running nowhere")
    void fullMarksThroughGrid() throws Exception {
        String classPath = gridClassPath();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path config = scratch.resolve("grid.toml");
        Files.writeString(config, String.join("\n",
                "[server]",
                "host = \"127.0.0.1\"",
                "port = " + port,
                "[node]",
                "detect-drivers = false",
                "selenium-manager = false",
                "[[node.driver-configuration]]",
                "display-name = \"Chromium\"",
                "webdriver-executable = \"/usr/bin/chromedriver\"",
                "max-sessions = 2",
                "stereotype = '" + STEREOTYPE + "'",
                ""), StandardCharsets.UTF_8);
        // Kept after the test, for a look at what the Grid did.
        Path log = KIT.root().resolve("grader/proof/target/grid-test/grid.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath,
                "org.openqa.selenium.grid.Main", "standalone", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SE_OFFLINE", "true");
        // The node's drivers and browsers write their temporary folders here, not into the system's, where
        // Chromium leaves some behind; short, as Chromium's socket paths must be.
        Path browsersTmp = Files.createTempDirectory("wslab-grid-tmp");
        builder.environment().put("TMPDIR", browsersTmp.toString());
        String grid = "http://127.0.0.1:" + port;
        Process process = builder.start();
        Path work = Files.createTempDirectory("wslab-grid");
        try {
            awaitReady(process, grid, log);
            LessonGrader grader = new LessonGrader(KIT, work,
                    Map.of(Setting.SELENIUM_REMOTE.key(), grid, Setting.SERVER_HOST.key(), "127.0.0.1"));
            List<String> failed = new ArrayList<>();
            for (String lesson : List.of("echo", "simon")) {
                LessonGrader.LessonResult result = grader.grade(lesson, KIT.root().resolve("solutions").resolve(lesson),
                        scratch.resolve("screenshots-" + lesson));
                assertFalse(result.checks().isEmpty(), lesson + " has no checks");
                result.checks().stream().filter(c -> !c.passed())
                        .forEach(c -> failed.add(lesson + ": " + c.name() + "\n" + c.message()));
                assertEquals(10.0, Scores.lessonScore(result), 1e-9, lesson + " is not given full marks:\n"
                        + String.join("\n\n", failed));
            }
            String browser = grader.browser();
            assertTrue(browser.contains("Selenium Grid at " + grid), "the browser is not the Grid's: " + browser);
            assertTrue(browser.contains("pages served at http://127.0.0.1:"),
                    "the pages were not served over HTTP to the Grid's browser: " + browser);

            List<ProcessHandle> browsers = process.descendants()
                    .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false)).toList();
            assertFalse(browsers.isEmpty(), "no Chromium or chromedriver was seen running under the Grid");
            // Done grading: the session ends (as it would when the grader's JVM ends), then the Grid stops.
            // A Grid stopped with a session still open does not always stop that session's browser.
            grader.close();
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the Grid did not stop within 30 s of SIGTERM");
            try {
                await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                        .until(() -> browsers.stream().noneMatch(ProcessHandle::isAlive));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("still running 20 s after the Grid stopped:\n  " + browsers.stream()
                        .filter(ProcessHandle::isAlive).map(p -> p.info().commandLine().orElse("?"))
                        .collect(Collectors.joining("\n  ")));
            }
        } finally {
            ProcessTrees.end(List.of(process.toHandle()), Duration.ofSeconds(10));
            Folders.delete(work);
            Folders.delete(browsersTmp);
        }
    }

    @Test
    @DisplayName("a Grid address that is not an http URL, or a server host that is not this computer's, is refused at once")
    void badSettingsRefused() {
        assertRefused(Map.of(Setting.SELENIUM_REMOTE.key(), "grid:4444"), "not an http URL");
        assertRefused(Map.of(Setting.SERVER_HOST.key(), "0.0.0.0"), "not '0.0.0.0'");
        // 192.0.2.1 is reserved for documentation (RFC 5737): no computer has it, and nothing is sent to it.
        assertRefused(Map.of(Setting.SERVER_HOST.key(), "192.0.2.1"), "not an address of this computer");
        LessonGrader.checkSettings(Map.of(Setting.SELENIUM_REMOTE.key(), "http://127.0.0.1:4444",
                Setting.SERVER_HOST.key(), "127.0.0.1"));
    }

    private static void assertRefused(Map<String, String> settings, String expected) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LessonGrader.checkSettings(settings), "accepted: " + settings);
        assertTrue(refused.getMessage().contains(expected), "for " + settings + ": " + refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), "more than one line: " + refused.getMessage());
    }

    /** The Grid's class path, written by the module grader/grid; a clear failure when it is missing. */
    private static String gridClassPath() throws IOException {
        String named = System.getProperty("wslab.grid.classpath");
        Path file = named == null ? KIT.root().resolve("grader/grid/target/grid.classpath") : Path.of(named);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no Selenium Grid class path at " + file + ": the module grader/grid writes it. "
                    + "Build it with ./mvnw -q -f grader/grid/pom.xml generate-resources (the full ./mvnw verify "
                    + "builds it before the grader), or skip this test with -Dtest='!GridTest'");
        }
        String classPath = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!classPath.contains("selenium-grid")) {
            throw new AssertionError("the Selenium Grid class path " + file + " names no selenium-grid jar: " + classPath);
        }
        return classPath;
    }

    /** Waits, at most 60 s, until the Grid's /status says it is ready; fails with its log otherwise. */
    private static void awaitReady(Process process, String grid, Path log) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest status = HttpRequest.newBuilder(URI.create(grid + "/status")).timeout(Duration.ofSeconds(2)).build();
        ObjectMapper json = new ObjectMapper();
        try {
            await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                    .until(() -> !process.isAlive() || isReady(client, status, json));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the Selenium Grid at " + grid + " was not ready within 60 s; its log:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        if (!process.isAlive()) {
            throw new AssertionError("the Selenium Grid exited with status " + process.exitValue()
                    + " before it was ready; its log:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static boolean isReady(HttpClient client, HttpRequest status, ObjectMapper json) {
        try {
            JsonNode body = json.readTree(client.send(status, HttpResponse.BodyHandlers.ofString()).body());
            return body.path("value").path("ready").asBoolean(false);
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
