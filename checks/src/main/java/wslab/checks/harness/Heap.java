package wslab.checks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Counts the WebSocket connections a server's JVM still holds, after a full garbage collection, from a
 * class histogram. It asks the server's JVM itself through the attach API when this JVM may (started
 * with {@code --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED}, as the grader and the self-checks
 * are), which costs a few milliseconds; otherwise it runs {@code jcmd}, which starts a JVM.
 */
public final class Heap {

    private Heap() {
    }

    public static int liveConnections(LessonProcess server) {
        String histogram;
        try {
            histogram = attached(server.pid());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            histogram = jcmd(server);
        }
        return histogram.lines()
                .filter(line -> line.endsWith(" org.java_websocket.WebSocketImpl"))
                .mapToInt(line -> Integer.parseInt(line.trim().split("\\s+")[1]))
                .sum();
    }

    private static String attached(long pid) throws ReflectiveOperationException {
        Class<?> type = Class.forName("com.sun.tools.attach.VirtualMachine");
        Object vm = type.getMethod("attach", String.class).invoke(null, String.valueOf(pid));
        try {
            Method command = Class.forName("sun.tools.attach.HotSpotVirtualMachine").getMethod("executeJCmd", String.class);
            try (InputStream in = (InputStream) command.invoke(vm, "GC.class_histogram")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } finally {
            type.getMethod("detach").invoke(vm);
        }
    }

    /** The histogram by the server's own JDK's {@code jcmd}. */
    private static String jcmd(LessonProcess server) {
        try {
            Process process = new ProcessBuilder(server.jdk().jcmd().toString(), String.valueOf(server.pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd did not answer within 20 s");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
