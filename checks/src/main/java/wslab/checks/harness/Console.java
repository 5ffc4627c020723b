package wslab.checks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** One console stream of a server (stdout or stderr): its lines, awaited on a condition with a time limit. */
public final class Console {

    private static final int LINE_LIMIT = 50_000;
    private static final int CHAR_LIMIT = 16 * 1024 * 1024;

    private final List<String> lines = new ArrayList<>();
    private boolean ended;
    private boolean overflowed;

    private Console() {
    }

    /**
     * A console that reads {@code in}, a process's {@code name} stream, as it comes, on a thread of its own, with
     * a cap so that a flood cannot exhaust the checks: past it, lines are counted as overflow, not kept.
     */
    static Console reading(InputStream in, String name) {
        Console console = new Console();
        Thread thread = new Thread(() -> {
            long[] chars = {0};
            try {
                BoundedLines.forEach(in, line -> {
                    chars[0] += line.length();
                    if (console.size() < LINE_LIMIT && chars[0] < CHAR_LIMIT) {
                        console.add(line);
                    } else {
                        console.overflow();
                    }
                });
            } catch (IOException e) {
                // the process ended
            } finally {
                console.end();
            }
        }, "console-" + name);
        thread.setDaemon(true);
        thread.start();
        return console;
    }

    synchronized void add(String line) {
        lines.add(line);
        notifyAll();
    }

    synchronized void overflow() {
        overflowed = true;
    }

    synchronized void end() {
        ended = true;
        notifyAll();
    }

    public synchronized int size() {
        return lines.size();
    }

    public synchronized boolean overflowed() {
        return overflowed;
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized List<String> linesFrom(int index) {
        return List.copyOf(lines.subList(Math.min(index, lines.size()), lines.size()));
    }

    synchronized List<String> tail(int count) {
        return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** The first line at or after {@code from} that matches, waiting up to {@code limit}. */
    public synchronized Optional<String> await(int from, Predicate<String> match, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int next = from;
        while (true) {
            for (; next < lines.size(); next++) {
                if (match.test(lines.get(next))) {
                    return Optional.of(lines.get(next));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                return Optional.empty();
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Waits until {@code count} lines have been printed since {@code from}; the lines there are. */
    public synchronized List<String> awaitCount(int from, int count, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (lines.size() - from < count && !ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return linesFrom(from);
    }

    synchronized void awaitEnd(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
