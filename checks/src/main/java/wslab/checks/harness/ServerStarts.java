package wslab.checks.harness;

import java.util.concurrent.atomic.AtomicLong;

/** For the grader's timings: the servers that became ready, and the time they took, in this JVM. */
final class ServerStarts {

    private static final AtomicLong STARTS = new AtomicLong();
    private static final AtomicLong START_NANOS = new AtomicLong();

    private ServerStarts() {
    }

    /** A server became ready, {@code nanos} after it was launched. */
    static void add(long nanos) {
        STARTS.incrementAndGet();
        START_NANOS.addAndGet(nanos);
    }

    /** How many servers became ready. */
    static long count() {
        return STARTS.get();
    }

    /** The seconds the servers that became ready took to start, in all. */
    static double seconds() {
        return START_NANOS.get() / 1e9;
    }
}
