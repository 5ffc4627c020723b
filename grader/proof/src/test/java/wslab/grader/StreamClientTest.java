package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wslab.grader.grading.Compiler;

/**
 * The stream lesson's solution, measured by a client the kit did not write: the JDK's own WebSocket client
 * ({@code java.net.http}), not Java-WebSocket, which the checks and the server use.
 */
@DisplayName("the stream lesson's solution, measured by the JDK's own WebSocket client")
class StreamClientTest {

    private static final Kit KIT = Kit.current();
    private static final int RATE = 3000;
    private static final Duration WINDOW = Duration.ofSeconds(10);

    @TempDir
    Path work;

    /** A frame as it arrived: when, and what it said. */
    record Arrival(long nanos, long seq, long first, int samples, long dropped) {
    }

    @Test
    @DisplayName("streams at its rate within 1 % over 10 s, with no gap in seq or first")
    void rateAndContinuity() throws Exception {
        Compiler.Result compiled = Compiler.compile(List.of(KIT.plumbingSources(),
                KIT.root().resolve("solutions/stream/src/main/java")), Kit.serverLibraries(work), work.resolve("classes"));
        assertTrue(compiled.ok(), String.join("\n", compiled.messages()));
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                compiled.classes() + File.pathSeparator + Kit.serverLibraries(work), Lesson.STREAM.mainClass(),
                "--port", "0").redirectErrorStream(true).start();
        try (BufferedReader console = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    return console.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String line = ready.get(30, TimeUnit.SECONDS);
            Matcher address = Pattern.compile("LISTENING AT (\\S+):(\\d+)").matcher(String.valueOf(line));
            assertTrue(address.find(), "ready line: " + line);

            LinkedBlockingQueue<Arrival> frames = new LinkedBlockingQueue<>();
            ObjectMapper json = new ObjectMapper();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + address.group(2) + "/"), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                long now = System.nanoTime();
                                try {
                                    JsonNode frame = json.readTree(text.toString());
                                    if (frame.has("seq")) {
                                        frames.add(new Arrival(now, frame.get("seq").asLong(), frame.get("first").asLong(),
                                                frame.get("samples").size(), frame.get("dropped").asLong()));
                                    }
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                                text.setLength(0);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText("rate " + RATE, true).get(5, TimeUnit.SECONDS);
            socket.sendText("start", true).get(5, TimeUnit.SECONDS);

            List<Arrival> arrived = new ArrayList<>();
            long end = System.nanoTime() + WINDOW.plusSeconds(1).toNanos();
            while (System.nanoTime() < end) {
                Arrival frame = frames.poll(100, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    arrived.add(frame);
                }
            }
            socket.sendText("stop", true).get(5, TimeUnit.SECONDS);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);

            assertTrue(arrived.size() > 100, arrived.size() + " frames");
            for (int i = 1; i < arrived.size(); i++) {
                Arrival before = arrived.get(i - 1);
                Arrival frame = arrived.get(i);
                assertEquals(before.seq() + 1, frame.seq(), "seq without a gap, frame " + i);
                assertEquals(before.first() + before.samples(), frame.first(), "first without a gap, frame " + i);
                assertEquals(0, frame.dropped(), "nothing dropped for a client that reads, frame " + i);
            }
            // from the second frame to the last one a whole window later: samples made against time taken
            Arrival from = arrived.get(1);
            Arrival to = arrived.stream().filter(a -> a.nanos() - from.nanos() >= WINDOW.toNanos()).findFirst()
                    .orElse(arrived.get(arrived.size() - 1));
            double seconds = (to.nanos() - from.nanos()) / 1e9;
            double rate = (to.first() - from.first()) / seconds;
            System.out.printf("the JDK's client measured %.1f samples a second over %.2f s (asked %d): %+.3f %%%n",
                    rate, seconds, RATE, 100 * (rate - RATE) / RATE);
            assertTrue(seconds >= WINDOW.toSeconds() - 0.5, "measured over " + seconds + " s");
            assertTrue(Math.abs(rate - RATE) <= RATE * 0.01, "rate " + rate + " within 1 % of " + RATE);
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
