package wslab.grader;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wslab.grading.ProcessTrees;

/**
 * The grader leaves no process behind: not the servers, not the browser, not its driver; nor does a lesson's
 * self-check. Stopped (SIGTERM), killed (SIGKILL) or done; and without a browser it stops before it starts.
 */
@DisplayName("the grader's processes")
class NoLeftoversTest {

    @TempDir
    Path out;

    @Test
    @DisplayName("none is left after a grader is stopped in the middle of grading")
    void noneLeftAfterInterruption() throws Exception {
        Process grader = startGrader("echo");
        try {
            await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                    .until(() -> children(grader).stream().anyMatch(p -> command(p).contains("chromedriver"))
                            && children(grader).stream().anyMatch(p -> command(p).contains("wslab-grade")));
            List<ProcessHandle> running = children(grader);
            String shown = running.stream().map(NoLeftoversTest::command).map(c -> c.substring(0, Math.min(80, c.length())))
                    .collect(java.util.stream.Collectors.joining("\n  "));
            grader.destroy(); // SIGTERM, as an instructor's Ctrl-C or a CI timeout would
            assertTrue(grader.waitFor(30, TimeUnit.SECONDS), "the grader did not stop within 30 s of SIGTERM");
            try {
                await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                        .until(() -> running.stream().noneMatch(ProcessHandle::isAlive));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("still running 20 s after the grader stopped:\n  " + running.stream()
                        .filter(ProcessHandle::isAlive).map(NoLeftoversTest::command).collect(java.util.stream.Collectors.joining("\n  "))
                        + "\nof:\n  " + shown);
            }
            List<String> left = leftInTemporary();
            assertEquals(List.of(), left, left.isEmpty() ? "" : "temporary folders left after the grader stopped: "
                    + whatIsLeft() + "\nthe grader's console:\n" + console());
        } finally {
            endTree(grader);
        }
    }

    @Test
    @DisplayName("none is left after grading ends")
    void noneLeftAfterGrading() throws Exception {
        Process grader = startGrader("receiver");
        java.util.Map<ProcessHandle, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            while (!grader.waitFor(100, TimeUnit.MILLISECONDS)) {
                children(grader).forEach(p -> seen.putIfAbsent(p, command(p)));
            }
            assertEquals(0, grader.exitValue(), () -> "the grader failed:\n" + console());
            assertTrue(seen.values().stream().anyMatch(c -> c.contains("wslab-grade")), "no server was seen running: " + seen.values());
            await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                    .until(() -> seen.keySet().stream().noneMatch(ProcessHandle::isAlive));
            assertEquals(List.of(), leftInTemporary(), "temporary folders left after grading");
        } finally {
            endTree(grader);
        }
    }

    @Test
    @DisplayName("no server, browser or driver is left after the grader's JVM is killed (SIGKILL, no shutdown hook)")
    void noneLeftAfterKill() throws Exception {
        Process grader = startGrader("echo");
        try {
            List<ProcessHandle> running = awaitServersAndDriver(grader, 90);
            long killed = System.nanoTime();
            grader.destroyForcibly(); // SIGKILL: what a CI runner, the OOM killer or surefire's fork timeout does
            assertTrue(grader.waitFor(10, TimeUnit.SECONDS), "the grader's JVM did not end on SIGKILL");
            assertAllEnd(running, 20, "the grader was killed");
            System.out.printf("after SIGKILL on the grader, its servers, browser and driver ended within %.1f s%n",
                    (System.nanoTime() - killed) / 1e9);
        } finally {
            endTree(grader);
        }
    }

    @Test
    @DisplayName("none is left, nor a temporary folder, after SIGTERM on a lesson's self-check (./mvnw test -f exercises/echo)")
    void noneLeftAfterSelfCheckStopped() throws Exception {
        Path kit = copyOfKitFor("exercises", "echo");
        // The finished lesson in the starter's place: its checks run long enough, with a server and the browser,
        // to be stopped half-way (a starter's end within seconds, waiting for its basic rule).
        Folders.delete(kit.resolve("exercises/echo/src/main"));
        Folders.copy(Kit.current().root().resolve("solutions/echo/src/main"), kit.resolve("exercises/echo/src/main"));
        Path log = out.resolve("self-check.log");
        // Online, with the outer build's local repository: nothing relies on what an earlier build downloaded.
        ProcessBuilder builder = new ProcessBuilder(kit.resolve("mvnw").toString(), "-B",
                "-Dmaven.repo.local=" + System.getProperty("wslab.maven.repo", System.getProperty("user.home") + "/.m2/repository"),
                "test", "-f", kit.resolve("exercises/echo").toString())
                .directory(kit.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // Every JVM of the build (Maven, the test JVM, the servers) makes its temporary files in the test's folder.
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + temporary());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process maven = builder.start(); // ./mvnw execs Maven's JVM: SIGTERM reaches it, as from kill or a CI runner
        try {
            List<ProcessHandle> running;
            try {
                running = awaitServersAndDriver(maven, 180);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the self-check never ran a server and the browser; its log:\n" + Files.readString(log), e);
            }
            long stopped = System.nanoTime();
            maven.destroy(); // SIGTERM
            assertTrue(maven.waitFor(60, TimeUnit.SECONDS), "Maven did not stop within 60 s of SIGTERM");
            assertAllEnd(running, 30, "Maven was stopped");
            System.out.printf("after SIGTERM on Maven, the self-check's test JVM, servers, browser and driver ended within %.1f s%n",
                    (System.nanoTime() - stopped) / 1e9);
            assertEquals(List.of(), leftInTemporary(), "temporary folders left after the self-check was stopped");
        } finally {
            endTree(maven);
        }
    }

    @Test
    @DisplayName("without a browser, grading stops before the first check: one line saying what to install, status 3, "
            + "no reports, no profile folder")
    void noBrowserStopsAtOnce() throws Exception {
        Path noBrowsers = Files.createDirectories(out.resolve("empty-path"));
        Path grade = Files.createDirectories(out.resolve("grade"));
        Files.writeString(grade.resolve("results.json"), "{\"score\": 80}"); // a report of an earlier run
        Path stdout = out.resolve("no-browser.out");
        Path stderr = out.resolve("no-browser.err");
        ProcessBuilder builder = graderCommand("echo").redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        // No Chrome, Chromium or driver on the PATH or in Selenium Manager's cache, and no downloads.
        builder.environment().put("PATH", noBrowsers.toString());
        builder.environment().put("SE_CACHE_PATH", Files.createDirectories(out.resolve("selenium-cache")).toString());
        builder.environment().put("SE_OFFLINE", "true");
        builder.environment().remove("CHROMEDRIVER");
        long begin = System.nanoTime();
        Process grader = builder.start();
        try {
            assertTrue(grader.waitFor(60, TimeUnit.SECONDS), "the grader did not stop within 60 s without a browser");
            double seconds = (System.nanoTime() - begin) / 1e9;
            List<String> errors = Files.readAllLines(stderr);
            assertEquals(3, grader.exitValue(), "exit status; stderr: " + errors);
            assertEquals(1, errors.size(), "one line on stderr: " + String.join("\n", errors));
            assertTrue(errors.get(0).startsWith("error: no Chrome or Chromium to run the page checks: install ")
                    && errors.get(0).contains("--no-browser"), errors.get(0));
            String console = Files.readString(stdout);
            assertFalse(console.contains("checks passed") || console.contains("total"), "a check ran: " + console);
            try (java.util.stream.Stream<Path> reports = Files.list(grade)) {
                assertEquals(List.of(), reports.map(p -> p.getFileName().toString()).toList(), "reports left");
            }
            assertEquals(List.of(), leftInTemporary(), "temporary folders left (a browser profile?)");
            System.out.printf("without a browser, the grader stopped in %.1f s: %s%n", seconds, errors.get(0));
        } finally {
            endTree(grader);
        }
    }

    /** Waits until {@code root} runs a lesson's server and the browser's driver; then every process below it. */
    private static List<ProcessHandle> awaitServersAndDriver(Process root, int seconds) {
        await().atMost(seconds, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                .until(() -> children(root).stream().anyMatch(p -> command(p).contains("chromedriver"))
                        && children(root).stream().anyMatch(NoLeftoversTest::isServer));
        return children(root);
    }

    /**
     * Whether {@code process} is a lesson's server: its sandbox (bubblewrap), or without one the server's JVM,
     * told by an option before the class path (a long one is cut off in what the system tells of a command line).
     */
    private static boolean isServer(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/bwrap")).orElse(false)
                || command(process).contains("-Dwslab.parent.pid=");
    }

    /** Fails unless every process of {@code running} has ended within {@code seconds}. */
    private static void assertAllEnd(List<ProcessHandle> running, int seconds, String after) {
        try {
            await().atMost(seconds, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                    .until(() -> running.stream().noneMatch(ProcessHandle::isAlive));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("still running " + seconds + " s after " + after + ":\n  " + running.stream()
                    .filter(ProcessHandle::isAlive).map(NoLeftoversTest::command)
                    .map(c -> c.substring(0, Math.min(160, c.length())))
                    .collect(java.util.stream.Collectors.joining("\n  ")));
        }
    }

    /**
     * A kit of its own for a lesson's Maven build, so that the build writes nothing into this kit: the top pom,
     * the wrapper, the pages, the plumbing and {@code folder/lesson} with its parent pom.
     */
    private Path copyOfKitFor(String folder, String lesson) throws java.io.IOException {
        Path root = Kit.current().root();
        Path kit = Files.createDirectories(out.resolve("kit"));
        for (String file : List.of("pom.xml", "mvnw", folder + "/pom.xml")) {
            Files.createDirectories(kit.resolve(file).getParent());
            Files.copy(root.resolve(file), kit.resolve(file), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        for (String part : List.of(".mvn", "web", "plumbing/src", "checks/src", folder + "/" + lesson)) {
            Folders.copy(root.resolve(part), kit.resolve(part));
        }
        return kit;
    }

    private Process startGrader(String lesson) throws Exception {
        Path log = Files.createTempFile(out, "grader", ".log");
        return graderCommand(lesson).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private ProcessBuilder graderCommand(String lesson) throws java.io.IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dwslab.kit=" + Kit.current().root(), "-Djava.io.tmpdir=" + temporary(), "-cp", System.getProperty("java.class.path"),
                "wslab.grader.Grade", "--submission=" + Kit.current().root().resolve("solutions"),
                "--lessons=" + lesson, "--out=" + out.resolve("grade"), "--end-with-parent");
    }

    /** Ends {@code process} and everything below it, whatever a test left running. */
    private static void endTree(Process process) {
        ProcessTrees.end(List.of(process.toHandle()), Duration.ofSeconds(10));
    }

    /** The grader's temporary folder: its working folder, the servers', the browser's profile. */
    private Path temporary() throws java.io.IOException {
        return Files.createDirectories(out.resolve("tmp"));
    }

    /** The files left in the temporary folder, with their sizes and times, to tell who wrote them last. */
    private String whatIsLeft() throws java.io.IOException {
        Path folder = temporary();
        try (java.util.stream.Stream<Path> walk = Files.walk(folder)) {
            return walk.limit(40).map(p -> {
                try {
                    return folder.relativize(p) + " " + Files.size(p) + " " + Files.getLastModifiedTime(p);
                } catch (java.io.IOException e) {
                    return folder.relativize(p) + " (" + e + ")";
                }
            }).collect(java.util.stream.Collectors.joining("\n  ", "\n  ", ""));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return e.toString();
        }
    }

    /** What the graders this test started printed. */
    private String console() {
        try (java.util.stream.Stream<Path> logs = Files.list(out)) {
            StringBuilder text = new StringBuilder();
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("grader")).toList()) {
                text.append(Files.readString(log));
            }
            return text.toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** What the grader left in its temporary folder. */
    private List<String> leftInTemporary() throws java.io.IOException {
        try (java.util.stream.Stream<Path> left = Files.list(temporary())) {
            return left.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("wslab-")).sorted().toList();
        }
    }

    private static List<ProcessHandle> children(Process process) {
        return process.descendants().toList();
    }

    private static String command(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }
}
