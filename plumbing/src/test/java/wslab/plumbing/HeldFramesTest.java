package wslab.plumbing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wslab.checks.harness.Client;
import wslab.checks.harness.LessonProcess;
import wslab.checks.harness.ServerCode;

/**
 * Java-WebSocket 1.6.0 can hold a frame sent from a worker thread until the next write on that
 * connection. Browsers never ping, so without the launcher's sweep a page could wait for a reply
 * until the library's own ping, 60 s later. Here a client that never pings takes back-to-back
 * replies while other clients flood the server: every reply must arrive without a ping's help.
 */
@DisplayName("the launcher releases held frames")
class HeldFramesTest {

    private static final int ROUNDS = 1000;
    /** Far above the slowest reply under this load (about 1.5 s), far below the library's 60 s ping. */
    private static final Duration PROMPT = Duration.ofSeconds(5);

    @TempDir
    Path work;

    @Test
    @DisplayName("a client that never pings gets 1,000 pairs of back-to-back replies (or as many as 30 s allow), each within 5 s, under load")
    void repliesArriveWithoutPings() throws Exception {
        ServerCode code = ServerCode.from(key -> Optional.ofNullable(System.getProperty(key)));
        try (LessonProcess server = LessonProcess.launch(code, Files.createDirectories(work.resolve("run")),
                List.of("--port", String.valueOf(LessonProcess.freePort()))).awaitReady(Duration.ofSeconds(15))) {
            AtomicBoolean busy = new AtomicBoolean(true);
            List<Thread> load = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Client noisy = Client.connect(server.uri());
                Thread thread = new Thread(() -> {
                    // bursts of 32 requests, each burst's 64 replies awaited: busy, with a bounded backlog
                    for (int burst = 0; burst < 10_000 && busy.get(); burst++) {
                        for (int n = 0; n < 32; n++) {
                            noisy.send("twice: load " + n);
                        }
                        for (int n = 0; n < 64 && noisy.next(Duration.ofSeconds(5)).isPresent(); n++) {
                            // drained
                        }
                    }
                    noisy.close();
                });
                thread.start();
                load.add(thread);
            }
            int late = 0;
            int rounds = 0;
            long slowest = 0;
            try (Client quiet = Client.connect(server.uri()).quiet()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                for (int round = 0; round < ROUNDS && System.nanoTime() < deadline; round++) {
                    long start = System.nanoTime();
                    String message = "twice: round " + round;
                    quiet.send(message);
                    Optional<String> first = quiet.next(PROMPT);
                    Optional<String> second = quiet.next(PROMPT);
                    slowest = Math.max(slowest, System.nanoTime() - start);
                    rounds++;
                    if (!first.equals(Optional.of(message)) || !second.equals(Optional.of(message))) {
                        late++;
                        break;
                    }
                }
            } finally {
                busy.set(false);
                for (Thread thread : load) {
                    thread.join(10_000);
                }
            }
            System.out.printf("held frames: %d rounds, %d late, slowest reply %.1f ms%n", rounds, late, slowest / 1e6);
            assertEquals(0, late, "replies that did not arrive within " + PROMPT.toMillis() + " ms without a ping");
        }
    }
}
