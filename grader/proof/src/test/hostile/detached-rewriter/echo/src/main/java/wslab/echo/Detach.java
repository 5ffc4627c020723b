package wslab.echo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The attack: starts {@link Rewrite} three times, detached from the server so that it outlives it: with
 * {@code setsid -f} (a session of its own), with {@code nohup ... &} (deaf to hang-ups, its parent gone at
 * once) and with a double fork ({@code sh -c '( ... & )'}). Each has {@link Walk#ATTACK} in its command line
 * and ends by itself within 90 s.
 */
final class Detach {

    static final List<String> WAYS = List.of("setsid", "nohup", "double-fork");

    private Detach() {
    }

    /** Starts the three, and reports on the console, in the background, which of them came alive. */
    static void start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String way : WAYS) {
            List<String> payload = List.of(java, "-Xmx32m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-XX:-UsePerfData", "-XX:CompressedClassSpaceSize=16m", "-XX:ReservedCodeCacheSize=16m",
                    "-cp", System.getProperty("java.class.path"), EchoServer.class.getName(), marker(way));
            List<String> command = new ArrayList<>();
            switch (way) {
                case "setsid" -> {
                    command.addAll(List.of("setsid", "-f"));
                    command.addAll(payload);
                }
                case "nohup" -> {
                    command.addAll(List.of("sh", "-c", "nohup \"$@\" >/dev/null 2>&1 &", "sh"));
                    command.addAll(payload);
                }
                default -> {
                    command.addAll(List.of("sh", "-c", "( \"$@\" >/dev/null 2>&1 & )", "sh"));
                    command.addAll(payload);
                }
            }
            try {
                new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                System.out.println("detached: " + way + " could not start: " + e.getMessage());
            }
        }
        Thread report = new Thread(() -> {
            List<String> waiting = new ArrayList<>(WAYS);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                for (String way : List.copyOf(waiting)) {
                    Path alive = Path.of(marker(way) + ".alive");
                    if (Files.exists(alive)) {
                        waiting.remove(way);
                        System.out.println("detached: " + way + " started, " + read(alive));
                    }
                }
                sleep(200);
            }
            waiting.forEach(way -> System.out.println("detached: " + way + " did not start within 20 s"));
        }, "detached-report");
        report.setDaemon(true);
        report.start();
    }

    /** What a detached process has rewritten so far, if anything (it writes it down in the working folder). */
    static java.util.Optional<String> rewritten() {
        for (String way : WAYS) {
            String found = read(Path.of(marker(way) + ".rewritten"));
            if (!found.isBlank()) {
                return java.util.Optional.of(found.lines().findFirst().orElse(""));
            }
        }
        return java.util.Optional.empty();
    }

    static String marker(String way) {
        return Walk.ATTACK + "-detached-" + way;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static void sleep(long millis) {
        try {
            new java.util.concurrent.CountDownLatch(1).await(millis, java.util.concurrent.TimeUnit.MILLISECONDS); // a pause, bounded
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
