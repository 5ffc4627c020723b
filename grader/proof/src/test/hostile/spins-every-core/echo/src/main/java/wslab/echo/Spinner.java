package wslab.echo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The attack: keeps every core of the machine busy for 60 s from the moment the server starts: a spinning
 * thread per core in the server, at the highest priority Java gives, and a spinning process per core in a
 * session of its own ({@code setsid -f timeout 60 sh -c 'while :; do :; done' wslab-hostile-attack-spin}),
 * which would outlive the server. Bounded: 60 s.
 */
final class Spinner {

    private static final long SPIN_NANOS = 60_000_000_000L;
    static volatile long spins;

    private Spinner() {
    }

    static void spin() {
        int cores = cores();
        long end = System.nanoTime() + SPIN_NANOS;
        for (int i = 0; i < cores; i++) {
            Thread spinner = new Thread(() -> {
                long count = 0;
                while (System.nanoTime() < end) {
                    count++;
                }
                spins += count;
            }, "spinner-" + i);
            spinner.setDaemon(true);
            spinner.setPriority(Thread.MAX_PRIORITY);
            spinner.start();
            try {
                new ProcessBuilder("setsid", "-f", "timeout", "60", "sh", "-c", "while :; do :; done",
                        "wslab-hostile-attack-spin").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                System.out.println("spin: no process: " + e.getMessage());
            }
        }
        System.out.println("spin: " + cores + " threads and " + cores + " processes spinning for 60 s");
    }

    /** The machine's cores, not the two the JVM is told it has. */
    private static int cores() {
        try {
            return (int) Math.max(1, Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("processor")).count());
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
