package wslab.checks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the sandbox costs a server's start: starts the plumbing's small echo server {@code RUNS} times (default
 * 10) and prints the median wall time from launch to its ready line, and the processor time its JVM used by
 * then. Run once with the sandbox and once with {@code -Dwslab.sandbox=off}: {@code grader/benchmark-sandbox}.
 */
public final class SandboxBenchmark {

    private SandboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long probeStart = System.nanoTime();
        String sandbox = Sandbox.use().line();
        double probe = (System.nanoTime() - probeStart) / 1e6;
        ServerCode code = ServerCode.from(key -> Optional.ofNullable(System.getProperty(key)));
        Path work = Files.createTempDirectory("wslab-benchmark-");
        List<Double> walls = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        try {
            for (int run = 0; run <= runs; run++) { // the first warms the disk cache, and is not counted
                Path folder = Files.createDirectories(work.resolve("run-" + run));
                long start = System.nanoTime();
                try (LessonProcess server = LessonProcess.launch(code, folder,
                        List.of("--port", String.valueOf(LessonProcess.freePort()))).awaitReady(Duration.ofSeconds(30))) {
                    double wall = (System.nanoTime() - start) / 1e6;
                    double cpu = ProcessHandle.of(server.pid()).flatMap(p -> p.info().totalCpuDuration())
                            .map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
                    if (run > 0) {
                        walls.add(wall);
                        cpus.add(cpu);
                    }
                }
            }
        } finally {
            Leftovers.delete(work);
        }
        System.out.printf(Locale.ROOT, "%s%n  trying the sandbox once: %.0f ms; %d server starts (a class path of %d entries),"
                + " median: %.0f ms to the ready line, %.0f ms of the server JVM's processor time%n", sandbox, probe, runs,
                code.classPath().split(java.io.File.pathSeparator).length, median(walls), median(cpus));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
