package wslab.grader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every processor of this computer kept busy, as in a class graded several lessons at a time: one thread per
 * processor, each spinning until {@link #close} or, at the latest, until its time limit runs out. Always
 * in a try-with-resources: {@code try (BusyCores busy = BusyCores.start(limit)) { ... }}.
 */
final class BusyCores implements AutoCloseable {

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;
    /** Read by nobody: keeps the spinning loops from being optimized away. */
    static volatile long sink;

    private BusyCores(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread thread = new Thread(() -> spin(deadline), "busy-core-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /** Starts one spinning thread per processor, each for at most {@code limit}. */
    static BusyCores start(Duration limit) {
        return new BusyCores(limit);
    }

    private void spin(long deadline) {
        long x = System.nanoTime();
        while (!stopped && System.nanoTime() - deadline < 0) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        sink = x;
    }

    /** Stops the spinning threads and waits for them (each ends within a few microseconds). */
    @Override
    public void close() {
        stopped = true;
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
