package wslab.plumbing;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plumbing: how the checks start a lesson's server. You never need to change or call this class.
 *
 * <p>{@code java -Dwslab.parent.pid=PID -cp ... wslab.plumbing.ParentWatch MAIN ARGS...} runs {@code MAIN}'s
 * {@code main(ARGS)} as {@code java MAIN ARGS...} would, and ends the server once the process {@code PID} (the
 * checks' JVM, or the grader's) is gone, however it ended, even killed with SIGKILL: a server is never left
 * running, still listening, after its checks. The server ends as on SIGTERM (its shutdown hooks run), and at
 * the latest 5 s later. Without {@code wslab.parent.pid} nothing is watched. Nothing is printed.
 *
 * <p>With {@code -Dwslab.parent.stdin=true} instead (a server in a sandbox, where the process that started it
 * is out of sight), the server ends the same way once its standard input ends: the process that started it
 * holds it open, and it ends when that process does, however it ends.
 */
public final class ParentWatch {

    /** The system property naming the process whose end ends this one. */
    public static final String PARENT_PID = "wslab.parent.pid";
    /** The system property ({@code true}) that ends this JVM once its standard input ends. */
    public static final String PARENT_STDIN = "wslab.parent.stdin";
    /** The status a server ends with when its parent is gone, as if stopped with SIGTERM. */
    static final int PARENT_GONE = 143;
    private static final long HOOKS_LIMIT_SECONDS = 5;

    private ParentWatch() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: java -D" + PARENT_PID + "=PID wslab.plumbing.ParentWatch MAINCLASS [ARGS...]");
            System.exit(Launcher.USAGE);
        }
        watch(Long.getLong(PARENT_PID));
        if (Boolean.getBoolean(PARENT_STDIN)) {
            watchInput();
        }
        // Loaded and run as the java launcher does; what main throws comes out as it is, not wrapped.
        Method main = Class.forName(args[0], true, ClassLoader.getSystemClassLoader()).getMethod("main", String[].class);
        main.setAccessible(true); // a public main of a class that is not public, which java runs too
        MethodHandle handle = MethodHandles.lookup().unreflect(main);
        handle.invokeExact(Arrays.copyOfRange(args, 1, args.length));
    }

    /** Ends this JVM once the process {@code pid} is gone; at once if it is gone already. */
    static void watch(Long pid) {
        if (pid == null) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        CompletableFuture<ProcessHandle> gone = parent.map(ProcessHandle::onExit)
                .orElseGet(() -> CompletableFuture.completedFuture(null));
        gone.thenRun(ParentWatch::end);
    }

    /** Ends this JVM once its standard input ends (or cannot be read). */
    static void watchInput() {
        Thread thread = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // nothing is ever written: only the end counts
                }
            } catch (java.io.IOException e) {
                // as ended
            }
            end();
        }, "parent-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private static void end() {
        CompletableFuture.delayedExecutor(HOOKS_LIMIT_SECONDS, TimeUnit.SECONDS)
                .execute(() -> Runtime.getRuntime().halt(PARENT_GONE));
        System.exit(PARENT_GONE);
    }
}
