package wslab.grader;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grader leaves no process behind: not the servers, not the browser, not its driver. */
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
            assertEquals(List.of(), leftInTemporary(), "temporary folders left after the grader stopped");
        } finally {
            grader.descendants().forEach(ProcessHandle::destroyForcibly);
            grader.destroyForcibly();
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
            assertEquals(0, grader.exitValue(), "the grader failed");
            assertTrue(seen.values().stream().anyMatch(c -> c.contains("wslab-grade")), "no server was seen running: " + seen.values());
            await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                    .until(() -> seen.keySet().stream().noneMatch(ProcessHandle::isAlive));
            assertEquals(List.of(), leftInTemporary(), "temporary folders left after grading");
        } finally {
            grader.descendants().forEach(ProcessHandle::destroyForcibly);
            grader.destroyForcibly();
        }
    }

    private Process startGrader(String lesson) throws Exception {
        Path log = Files.createTempFile(out, "grader", ".log");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dwslab.kit=" + Kit.current().root(), "-Djava.io.tmpdir=" + temporary(), "-cp", System.getProperty("java.class.path"),
                "wslab.grader.Grade", "--submission=" + Kit.current().root().resolve("solutions"),
                "--lessons=" + lesson, "--out=" + out.resolve("grade"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The grader's temporary folder: its working folder, the servers', the browser's profile. */
    private Path temporary() throws java.io.IOException {
        return Files.createDirectories(out.resolve("tmp"));
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
