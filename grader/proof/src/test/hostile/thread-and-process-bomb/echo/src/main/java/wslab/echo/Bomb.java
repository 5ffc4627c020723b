package wslab.echo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The attack: before serving, starts threads and processes without end, each sleeping 30 s, one process for
 * every 16 threads, until it cannot start more; then it fails as such code does, with the error on stderr.
 * Bounded: 5,000 tries or 20 s; processes run {@code sh -c 'sleep 30'} with {@code wslab-hostile-attack}
 * in their command line.
 */
final class Bomb {

    private static final int TRIES = 5_000;
    private static final long LIMIT_NANOS = 20_000_000_000L;

    private Bomb() {
    }

    static void explode() throws IOException {
        long start = System.nanoTime();
        System.out.printf("bomb: starting threads and processes, %.1f s after the JVM started%n",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
        long end = start + LIMIT_NANOS;
        List<Process> processes = new ArrayList<>();
        int threads = 0;
        try {
            for (int i = 0; i < TRIES && System.nanoTime() < end; i++) {
                if (i % 16 == 15) {
                    processes.add(new ProcessBuilder("sh", "-c", "sleep 30", "wslab-hostile-attack-bomb")
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start());
                } else {
                    Thread sleeper = new Thread(() -> {
                        try {
                            new java.util.concurrent.CountDownLatch(1).await(30, java.util.concurrent.TimeUnit.SECONDS); // held, bounded: nothing releases it
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    sleeper.start();
                    threads++;
                }
            }
        } catch (OutOfMemoryError | IOException e) {
            System.err.printf("bomb: %d threads and %d processes started in %.1f s, then %s%n", threads, processes.size(),
                    (System.nanoTime() - start) / 1e9, e);
            throw e;
        }
        System.out.printf("bomb: %d threads and %d processes started in %.1f s, no limit met%n", threads, processes.size(),
                (System.nanoTime() - start) / 1e9);
    }
}
