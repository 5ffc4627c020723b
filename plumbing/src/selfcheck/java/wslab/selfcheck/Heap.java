package wslab.selfcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Counts the WebSocket connections a server's JVM still holds, after a full garbage collection. */
final class Heap {

    private Heap() {
    }

    static int liveConnections(LessonProcess server) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(server.pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd did not answer within 20 s");
            }
            return String.valueOf(new String(out, StandardCharsets.UTF_8)).lines()
                    .filter(line -> line.endsWith(" org.java_websocket.WebSocketImpl"))
                    .mapToInt(line -> Integer.parseInt(line.trim().split("\\s+")[1]))
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Integer.MAX_VALUE;
        }
    }
}
