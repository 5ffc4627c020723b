package wslab.checks.rules;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import wslab.checks.harness.Client;
import wslab.checks.harness.LessonProcess;
import wslab.checks.harness.Page;
import wslab.checks.harness.RawConnection;
import wslab.checks.harness.Report;

/**
 * RULES.md, rules D1 to D8 (lesson 4): a signal streamed to each client that asks, in frames, in real time.
 *
 * <p>The rules that take seconds of streaming to see (the rate over 10 s, frames without a gap, two clients at
 * once, a client that does not read, a client that leaves) are watched at once, side by side, on a server of
 * their own that starts with the lesson's checks: one 11 s session, whose findings several checks read.
 */
public abstract class StreamRules extends EveryLessonRules {

    /** The samples in a frame when {@code --frame} is not given. */
    private static final int DEFAULT_FRAME = 50;
    /** The session's server's {@code --frame}: not the default, so that a server that ignores it shows. */
    private static final int SESSION_FRAME = 60;
    /**
     * The rate the session measures: frames every 16.7 ms, which a loop that sleeps {@code 1000 * frame / rate}
     * ms (16) between frames makes 4 % too fast.
     */
    private static final int FAST_RATE = 3600;
    private static final int DEFAULT_RATE = 1000;
    /** A rate a client of the session sets, and a rate the commands' check sets. */
    private static final int OTHER_RATE = 500;
    private static final int SLOW_READER_RATE = 10000;
    /** How long the session's clients are watched, and how long its slow client does not read. */
    private static final Duration SESSION = Duration.ofMillis(11_500);
    private static final Duration SLOW_READER_SILENCE = Duration.ofSeconds(8);
    /** The frames at the start of a stream that the rate leaves out: the first come as the JIT warms up. */
    private static final int SKIPPED = 2;
    private static final double RATE_TOLERANCE = 0.01;
    /** How soon after stop the last frame may arrive: one frame interval (50 ms by default), and 250 ms to spare. */
    private static final Duration STOP_LIMIT = Duration.ofMillis(300);
    /** What the kernel's buffers (the server's send buffer, the slow client's 4 KiB receive buffer) may hold. */
    private static final int KERNEL_BYTES = 256 * 1024;
    private static final String FRAME_RULE = "a frame is one JSON object {\"seq\":S,\"first\":I,\"rate\":R,\"dropped\":D,"
            + "\"samples\":[...]}, with --frame whole numbers from 0 to 1023";
    private static final String RATE_RULE = "frames go out on a fixed-rate schedule: over 10 s, a client gets its rate times 10 "
            + "samples, within 1 %";
    private static final String OWN_STREAM_RULE = "each client has a stream of its own: its own start and stop, rate, seq and first";
    private static final String[] BAD_COMMANDS = {"rate 5", "rate 20000", "rate x", "START", "eval(\"1+1\")", ""};

    /** The session's checks come last but one (before the server is stopped): the others run while it watches. */
    private static final int SESSION_ORDER = Integer.MAX_VALUE - 1;

    /** What the session found, watching its clients in the background. */
    private CompletableFuture<Session> session;

    @Override
    protected void assertServes(LessonProcess server) {
        try (Client client = Client.connect(server.uri())) {
            client.send("start");
            expectFrames(client, 3, DEFAULT_FRAME, "start, on a new connection");
            client.send("stop");
        }
    }

    @Test
    @Enforces({Rule.D1, Rule.D2})
    @BasicRule
    @DisplayName("streams frames of 50 samples from 0 to 1023 after start, seq and first counting up")
    void streamsAfterStart() {
        try (Client client = Client.connect(server.uri())) {
            List<String> early = client.collect(Duration.ofMillis(300));
            if (!early.isEmpty()) {
                throw Report.of("a client gets frames only once it sends start")
                        .sent("nothing yet: a new connection")
                        .expected("nothing")
                        .got(Report.show(early))
                        .error();
            }
            client.send("start");
            List<Frame> frames = expectFrames(client, 5, DEFAULT_FRAME, "start");
            for (int i = 0; i < frames.size(); i++) {
                Frame frame = frames.get(i);
                if (frame.seq != i || frame.first != (long) i * DEFAULT_FRAME || frame.rate != DEFAULT_RATE || frame.dropped != 0) {
                    throw Report.of("seq numbers a client's frames from 0, first counts their samples (--frame each), "
                                    + "rate is 1000 until set, dropped is 0 when none were")
                            .sent("start")
                            .expected("frame " + i + " with seq " + i + ", first " + i * DEFAULT_FRAME + ", rate 1000, dropped 0")
                            .got(Report.show(frame.text))
                            .hint(frame.first == i ? "first counts samples, not frames: it goes up by --frame (50) from frame to frame" : null)
                            .error();
                }
            }
            client.send("stop");
        }
    }

    @Test
    @Enforces({Rule.D7, Rule.D2})
    @DisplayName("after stop, sends at most one more frame; start goes on with the next seq and first")
    void stopsAndStartsAgain() {
        try (Client client = Client.connect(server.uri())) {
            client.send("start");
            List<Frame> before = expectFrames(client, 3, DEFAULT_FRAME, "start");
            client.send("stop");
            long stopped = System.nanoTime();
            // A frame already on its way when stop was sent comes too: two may arrive, then nothing.
            List<Frame> after = new ArrayList<>();
            List<Long> arrivals = new ArrayList<>();
            long deadline = stopped + Duration.ofMillis(800).toNanos();
            while (System.nanoTime() < deadline) {
                Optional<String> text = client.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (text.isPresent()) {
                    after.add(parseFrame(text.get(), "stop"));
                    arrivals.add(System.nanoTime() - stopped);
                }
            }
            long lastAfterStop = arrivals.isEmpty() ? 0 : arrivals.get(arrivals.size() - 1) / 1_000_000;
            if (after.size() > 2 || lastAfterStop > STOP_LIMIT.toMillis()) {
                throw Report.of("after stop, at most one more frame arrives, within one frame interval (--frame / rate: 50 ms); "
                                + "then none until the next start")
                        .sent("start, then stop after 3 frames")
                        .expected("at most one more frame (two, with one already on its way), within " + STOP_LIMIT.toMillis()
                                + " ms (one frame interval, and time to spare for a busy machine), then nothing for 800 ms")
                        .got(after.size() + " frames in the 800 ms after stop, the last " + lastAfterStop + " ms after it")
                        .hint("stop cancels this client's scheduled task (future.cancel(false)); a task that keeps running sends on")
                        .error();
            }
            Frame last = after.isEmpty() ? before.get(before.size() - 1) : after.get(after.size() - 1);
            client.send("start");
            Frame next = expectFrames(client, 1, DEFAULT_FRAME, "start, again").get(0);
            if (next.seq != last.seq + 1 || next.first != last.first + DEFAULT_FRAME) {
                throw Report.of("seq and first go on across stop and start: a stop pauses the count, start goes on from there")
                        .sent("start, stop, then start again")
                        .expected("after the frame with seq " + last.seq + " and first " + last.first + ", seq " + (last.seq + 1)
                                + " and first " + (last.first + DEFAULT_FRAME))
                        .got(Report.show(next.text))
                        .hint("keep seq and first in the client's stream object, not in the task that start schedules")
                        .error();
            }
            client.send("stop");
        }
    }

    @Test
    @Enforces({Rule.D1, Rule.D5})
    @DisplayName("answers each bad command with one error, and the stream goes on as it was")
    void answersBadCommands() {
        try (Client client = Client.connect(server.uri())) {
            client.send("start");
            expectFrames(client, 1, DEFAULT_FRAME, "start");
            client.send("start"); // already streaming: nothing changes
            for (String bad : BAD_COMMANDS) {
                client.send(bad);
            }
            client.send("rate " + OTHER_RATE);
            String sent = "start, start again, then " + String.join(", ", Arrays.stream(BAD_COMMANDS).map(Report::show).toList())
                    + ", then rate " + OTHER_RATE;
            List<String> errors = new ArrayList<>();
            List<Frame> frames = new ArrayList<>();
            // until the errors have come and the new rate shows, then a little longer for any extra reply
            long deadline = System.nanoTime() + REPLY_LIMIT.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                Optional<String> text = client.next(Duration.ofMillis(50));
                if (text.isEmpty()) {
                    continue;
                }
                if (isError(text.get())) {
                    errors.add(text.get());
                } else {
                    frames.add(parseFrame(text.get(), sent));
                }
                if (quietUntil == Long.MAX_VALUE && errors.size() >= BAD_COMMANDS.length
                        && frames.stream().filter(f -> f.rate == OTHER_RATE).count() >= 2) {
                    quietUntil = System.nanoTime() + Duration.ofMillis(300).toNanos();
                }
            }
            client.send("stop");
            if (errors.size() != BAD_COMMANDS.length) {
                throw Report.of("a message that is not a command, or a rate that is not a whole number from 10 to 10000, "
                                + "gets one reply {\"error\":\"...\"}")
                        .sent(sent)
                        .expected(BAD_COMMANDS.length + " error replies, one for each bad command")
                        .got(errors.size() + ": " + Report.show(errors))
                        .hint("match the commands exactly (message.equals(\"start\")); rate N needs N from 10 to 10000; "
                                + "anything else gets one error reply, as JSON")
                        .error();
            }
            for (int i = 1; i < frames.size(); i++) {
                Frame frame = frames.get(i);
                Frame previous = frames.get(i - 1);
                if (frame.seq != previous.seq + 1 || frame.first != previous.first + DEFAULT_FRAME
                        || (frame.rate != DEFAULT_RATE && frame.rate != OTHER_RATE)
                        || (previous.rate == OTHER_RATE && frame.rate != OTHER_RATE)) {
                    throw Report.of("a bad command changes nothing, a second start changes nothing, and rate N "
                                    + "sets this client's rate from then on")
                            .sent(sent)
                            .expected("frames at rate 1000, then at rate " + OTHER_RATE + ", seq one by one, first by 50")
                            .got(Report.show(previous.text) + ", then " + Report.show(frame.text))
                            .hint(frame.seq <= previous.seq ? "two streams for one client: start when it already streams must change nothing" : null)
                            .error();
                }
            }
            if (frames.stream().noneMatch(f -> f.rate == OTHER_RATE)) {
                throw Report.of("rate N sets this client's samples a second from then on; a frame's rate says at which")
                        .sent(sent)
                        .expected("frames with rate " + OTHER_RATE + " within " + REPLY_LIMIT.toSeconds() + " s")
                        .got(frames.isEmpty() ? "no frames" : "frames with rate " + frames.get(frames.size() - 1).rate)
                        .error();
            }
        }
    }

    @Test
    @Order(SESSION_ORDER)
    @Enforces(Rule.D3)
    @DisplayName("keeps the rate within 1 % over 10 s, at 3600 samples a second")
    void keepsRate() {
        Session found = result(session);
        assertRate(found.fast, FAST_RATE, "a client that sent rate " + FAST_RATE + ", then start (--frame " + SESSION_FRAME + ")",
                "a fixed-rate schedule (scheduleAtFixedRate) keeps time; a sleep between frames adds its own "
                        + "error, and the time the frame took, to every frame");
        assertRate(found.plain, DEFAULT_RATE, "a client that sent start, at the default rate (--frame " + SESSION_FRAME + ")", null);
    }

    @Test
    @Order(SESSION_ORDER)
    @Enforces(Rule.D2)
    @DisplayName("numbers each client's frames without a gap over 10 s, and honours --frame")
    void framesWithoutGap() {
        Session found = result(session);
        assertContinuous(found.fast, FAST_RATE, "a client at rate " + FAST_RATE + ", for 11 s (--frame " + SESSION_FRAME + ")");
        assertContinuous(found.plain, DEFAULT_RATE, "a client at the default rate, for 11 s (--frame " + SESSION_FRAME + ")");
    }

    @Test
    @Order(SESSION_ORDER)
    @Enforces(Rule.D4)
    @DisplayName("gives each client a stream of its own: two rates at once, and one's rate and stop change nothing for the others")
    void streamPerClient() {
        Session found = result(session);
        String sent = "three clients at once: one at rate " + FAST_RATE + ", one at the default rate, and one that sent "
                + "start, then rate " + OTHER_RATE + " after 2 s and stop after 4 s";
        for (Watched watched : List.of(found.fast, found.plain)) {
            Optional<Frame> foreign = watched.frames.stream().filter(f -> f.rate != watched.rate).findFirst();
            if (watched.frames.isEmpty() || watched.frames.get(0).seq != 0 || watched.frames.get(0).first != 0 || foreign.isPresent()) {
                throw Report.of(OWN_STREAM_RULE)
                        .sent(sent)
                        .expected("the client at rate " + watched.rate + ": frames from seq 0 and first 0, every one with rate " + watched.rate)
                        .got(watched.frames.isEmpty() ? "no frames"
                                : foreign.map(f -> "a frame " + Report.show(f.text)).orElse("a first frame " + Report.show(watched.frames.get(0).text)))
                        .hint("keep each client's stream (seq, first, rate, its scheduled task) in an object of its own, "
                                + "attached to the connection (client.setAttachment)")
                        .error();
            }
            assertContinuous(watched, watched.rate, sent + "; the client at rate " + watched.rate);
        }
        Watched changing = found.changing;
        boolean slowed = changing.frames.stream().anyMatch(f -> f.rate == OTHER_RATE);
        long afterStop = changing.frames.stream().filter(f -> f.arrived > found.changingStopped).count();
        if (!slowed || afterStop > 2) {
            throw Report.of(OWN_STREAM_RULE)
                    .sent(sent)
                    .expected("the third client: frames at rate " + DEFAULT_RATE + ", then at rate " + OTHER_RATE
                            + ", then none after its stop (one more at most, and one on its way)")
                    .got(!slowed ? "no frame at rate " + OTHER_RATE : afterStop + " frames after its stop")
                    .error();
        }
    }

    @Test
    @Order(SESSION_ORDER)
    @Enforces({Rule.D6, Rule.D3})
    @DisplayName("drops frames for a client that does not read, and keeps the others' rate")
    void dropsForSlowReader() {
        Session found = result(session);
        String sent = "a client with a 4 KiB receive buffer sent rate " + SLOW_READER_RATE + " and start, then read nothing for "
                + SLOW_READER_SILENCE.toSeconds() + " s (--frame " + SESSION_FRAME + "), while two others streamed";
        assertRate(found.plain, DEFAULT_RATE, sent + "; one of the others, at rate 1000, measured", null);
        assertRate(found.fast, FAST_RATE, sent + "; one of the others, at rate " + FAST_RATE + ", measured", null);
        SlowReader slow = found.slow;
        int bound = Math.max(SLOW_READER_RATE / SESSION_FRAME, 100);
        long allowed = bound + KERNEL_BYTES / slow.frameBytes();
        if (slow.firstDrop.isEmpty()) {
            throw Report.of("a client that does not read cannot make the server hold frames for it without bound: past a "
                            + "bound, its new frames are dropped, and the next frame sent says how many in dropped")
                    .sent(sent + "; then it read")
                    .expected("a frame with dropped above 0, after at most " + bound + " frames waiting and what the "
                            + "kernel's buffers hold")
                    .got(slow.read + " frames read, " + (slow.read == 0 ? "" : "the last " + Report.show(slow.last) + ", ")
                            + "none with dropped above 0")
                    .hint("before sending, look how many frames wait for this client: ((WebSocketImpl) client).outQueue.size(); "
                            + "past your bound, drop the frame and count it; and keep the connection's send buffer small (SO_SNDBUF, "
                            + "at most 64 KiB), or the operating system holds minutes of frames before any waits in the server")
                    .error();
        }
        if (slow.beforeDrop > allowed) {
            throw Report.of("past a bound (at most 1 s of samples or 100 frames, whichever is more), a client's new frames are dropped")
                    .sent(sent + "; then it read")
                    .expected("the first frame with dropped above 0 after at most " + allowed + " frames (" + bound
                            + " waiting in the server, and " + KERNEL_BYTES / 1024 + " KiB in the kernel's buffers)")
                    .got(slow.beforeDrop + " frames, then " + Report.show(slow.firstDrop.get()))
                    .error();
        }
    }

    @Test
    @Order(SESSION_ORDER)
    @Enforces({Rule.D4, Rule.D7})
    @DisplayName("ends the stream of a client that leaves, and nobody else's")
    void leavingEndsOwnStream() {
        Session found = result(session);
        String sent = "a client that sent start, then dropped its connection after 2 s, while others streamed";
        assertContinuous(found.plain, DEFAULT_RATE, sent + "; one of the others, at the default rate");
        List<String> errors = found.stderr;
        if (!errors.isEmpty()) {
            throw Report.of("a client that leaves ends its own stream: the server sends it nothing more, and says nothing of it")
                    .sent(sent)
                    .expected("nothing on stderr")
                    .got(Report.show(errors))
                    .hint("in onClose, stop the client's stream; a task that sends to a closed connection fails every frame")
                    .error();
        }
    }

    @Test
    @Enforces(Rule.D8)
    @DisplayName("the stream page plots the signal, shows its rate, sets the rate, and stands still after Stop")
    void pagePlots() {
        try (Page page = openPage(page())) {
            String rule = "the stream page starts, stops and sets the rate; while it streams its canvas changes and it shows "
                    + "the rate it measures; after Stop the plot stays still";
            page.click("start");
            Optional<String> measured = page.awaitText("measured-rate", t -> near(t, DEFAULT_RATE));
            String one = canvas(page);
            awaitChange(page, one);
            String two = canvas(page);
            if (measured.isEmpty() || one.equals(two)) {
                throw page.failure(Report.of(rule)
                        .sent("Start pressed")
                        .expected("#measured-rate showing about 1000 within 5 s, and the canvas #plot changing")
                        .got("#measured-rate " + Report.show(page.text("measured-rate")) + ", the canvas "
                                + (one.equals(two) ? "the same a second apart" : "changing")));
            }
            page.type("rate", String.valueOf(OTHER_RATE));
            page.click("set");
            Optional<String> slower = page.awaitText("measured-rate", t -> near(t, OTHER_RATE));
            if (slower.isEmpty()) {
                throw page.failure(Report.of(rule)
                        .sent("Start, then " + OTHER_RATE + " in #rate and Set pressed")
                        .expected("#measured-rate showing about " + OTHER_RATE + " within 5 s")
                        .got("#measured-rate " + Report.show(page.text("measured-rate"))));
            }
            String dropped = page.text("dropped");
            page.click("stop");
            // once the last frame is in and drawn, the plot must stay as it is
            String still = awaitStill(page);
            boolean stays = staysStill(page, still);
            if (!stays || !dropped.strip().equals("0")) {
                throw page.failure(Report.of(rule)
                        .sent("Start, Set " + OTHER_RATE + ", then Stop")
                        .expected("#dropped 0 while streaming, and the canvas the same a second after Stop as just after it")
                        .got("#dropped " + Report.show(dropped) + ", the canvas " + (stays ? "still" : "still changing")));
            }
        }
    }

    @Test
    @Enforces(Rule.A2)
    @StandsAlone
    @DisplayName("refuses a --frame that is not a whole number from 1 to 1000, with exit status 2")
    void refusesBadFrame() {
        for (String bad : List.of("0", "1001")) {
            assertRefused(List.of("--port", String.valueOf(LessonProcess.freePort()), "--frame", bad), 2,
                    "--frame takes a whole number from 1 to 1000; another value prints a one-line usage message on stderr "
                            + "and exits with status 2");
        }
    }

    protected String page() {
        return "stream.html";
    }

    // ---- the session: several clients of one server of its own, watched side by side ----

    /** The frames one client got, each with the time it arrived. */
    private static final class Watched {
        final int rate;
        final List<Frame> frames = Collections.synchronizedList(new ArrayList<>());
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        volatile String broken;

        Watched(int rate) {
            this.rate = rate;
        }
    }

    /** What the client that did not read got once it read again. */
    private record SlowReader(int read, int beforeDrop, Optional<String> firstDrop, String last, int frameBytes) {
    }

    private record Session(Watched fast, Watched plain, Watched changing, long changingStopped, SlowReader slow, List<String> stderr) {
    }

    @BeforeAll
    void startSession() {
        session = inBackground(this::runSession);
    }

    private Session runSession() {
        LessonProcess own = start(List.of("--frame", String.valueOf(SESSION_FRAME)));
        URI uri = own.uri();
        try (Client fastClient = Client.connect(uri); Client plainClient = Client.connect(uri);
             Client changingClient = Client.connect(uri); Client leaving = Client.connect(uri);
             RawConnection slow = RawConnection.openWithReceiveBuffer(uri, 4096)) {
            int errorsBefore = own.stderr().size();
            Watched fast = new Watched(FAST_RATE);
            Watched plain = new Watched(DEFAULT_RATE);
            Watched changing = new Watched(DEFAULT_RATE);
            Watched left = new Watched(DEFAULT_RATE);
            long begun = System.nanoTime();
            long end = begun + SESSION.toNanos();
            List<Thread> watchers = new ArrayList<>();
            fastClient.send("rate " + FAST_RATE);
            watchers.add(watch(fastClient, fast, end));
            watchers.add(watch(plainClient, plain, end));
            watchers.add(watch(changingClient, changing, end));
            watchers.add(watch(leaving, left, begun + Duration.ofSeconds(2).toNanos()));
            slow.sendFrame(RawConnection.TEXT, ("rate " + SLOW_READER_RATE).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            slow.sendFrame(RawConnection.TEXT, "start".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (Client client : List.of(fastClient, plainClient, changingClient, leaving)) {
                client.send("start");
            }
            sleepUntil(begun + Duration.ofSeconds(2).toNanos());
            changingClient.send("rate " + OTHER_RATE);
            leaving.drop();
            sleepUntil(begun + Duration.ofSeconds(4).toNanos());
            changingClient.send("stop");
            long changingStopped = System.nanoTime();
            sleepUntil(begun + SLOW_READER_SILENCE.toNanos());
            SlowReader slowFound = readSlowly(slow);
            for (Thread watcher : watchers) {
                watcher.join(Math.max(1, (end - System.nanoTime()) / 1_000_000 + 2000));
            }
            for (Client client : List.of(fastClient, plainClient)) {
                client.send("stop");
            }
            List<String> errors = own.stderr().linesFrom(errorsBefore);
            return new Session(fast, plain, changing, changingStopped, slowFound, errors);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Reads what the slow client was sent, until a frame says frames were dropped (at most 4 s). */
    private static SlowReader readSlowly(RawConnection slow) {
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        int read = 0;
        String last = "";
        Pattern dropped = Pattern.compile("\"dropped\"\\s*:\\s*([0-9]+)");
        int frameBytes = 6 * SESSION_FRAME + 60;
        while (System.nanoTime() < deadline) {
            Optional<String> text = slow.nextTextStart(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (text.isEmpty()) {
                break;
            }
            last = text.get();
            Matcher match = dropped.matcher(last);
            if (match.find() && !match.group(1).equals("0")) {
                return new SlowReader(read + 1, read, Optional.of(last), last, frameBytes);
            }
            read++;
        }
        return new SlowReader(read, read, Optional.empty(), last, frameBytes);
    }

    /** A thread that records the frames {@code client} gets until {@code end}. */
    private static Thread watch(Client client, Watched into, long end) {
        Thread thread = new Thread(() -> {
            while (System.nanoTime() < end) {
                Optional<String> text = client.next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
                if (text.isEmpty()) {
                    continue;
                }
                long arrived = System.nanoTime();
                if (isError(text.get())) {
                    into.errors.add(text.get());
                    continue;
                }
                try {
                    Frame frame = parseFrame(text.get(), "start");
                    into.frames.add(frame.at(arrived));
                } catch (AssertionError e) {
                    into.broken = e.getMessage();
                    return;
                }
            }
        }, "stream-session-client");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /**
     * The rate a client's frames came at: the slope of their first sample's index over their arrival time
     * (least squares, the first frames left out), so that one frame late on a busy machine hardly moves it.
     */
    private static void assertRate(Watched watched, int rate, String sent, String hint) {
        if (watched.broken != null) {
            throw new AssertionError(watched.broken);
        }
        List<Frame> frames = watched.frames.subList(Math.min(SKIPPED, watched.frames.size()), watched.frames.size());
        String expected = rate + " samples a second, within 1 % (" + Math.round(rate * (1 - RATE_TOLERANCE)) + " to "
                + Math.round(rate * (1 + RATE_TOLERANCE)) + "), over 10 s";
        if (frames.size() < 10 || seconds(frames.get(frames.size() - 1).arrived - frames.get(0).arrived) < 9.5) {
            throw Report.of(RATE_RULE).sent(sent).expected(expected)
                    .got(watched.frames.size() + " frames" + (frames.isEmpty() ? ""
                            : " over " + String.format("%.1f s", seconds(frames.get(frames.size() - 1).arrived - frames.get(0).arrived))))
                    .error();
        }
        double measured = slope(frames);
        if (Math.abs(measured - rate) > rate * RATE_TOLERANCE) {
            throw Report.of(RATE_RULE).sent(sent).expected(expected)
                    .got(String.format("%.0f samples a second (%+.1f %%), from %d frames", measured, 100 * (measured - rate) / rate, frames.size()))
                    .hint(hint)
                    .error();
        }
    }

    private static double slope(List<Frame> frames) {
        double t0 = frames.get(0).arrived;
        double meanT = 0;
        double meanI = 0;
        for (Frame frame : frames) {
            meanT += (frame.arrived - t0) / 1e9;
            meanI += frame.first;
        }
        meanT /= frames.size();
        meanI /= frames.size();
        double covariance = 0;
        double variance = 0;
        for (Frame frame : frames) {
            double t = (frame.arrived - t0) / 1e9 - meanT;
            covariance += t * (frame.first - meanI);
            variance += t * t;
        }
        return covariance / variance;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void assertContinuous(Watched watched, int rate, String sent) {
        if (watched.broken != null) {
            throw new AssertionError(watched.broken);
        }
        if (watched.frames.size() < 2) {
            throw Report.of("seq numbers a client's frames with no gap; first counts every sample made for it")
                    .sent(sent).expected("frames for 11 s").got(watched.frames.size() + " frames").error();
        }
        for (int i = 0; i < watched.frames.size(); i++) {
            Frame frame = watched.frames.get(i);
            if (frame.samples.length != SESSION_FRAME || frame.rate != rate) {
                throw Report.of(FRAME_RULE + "; rate is the rate the frame's samples were made at")
                        .sent(sent)
                        .expected(SESSION_FRAME + " samples (--frame " + SESSION_FRAME + "), rate " + rate)
                        .got(Report.show(frame.text))
                        .hint(frame.samples.length == DEFAULT_FRAME ? "--frame sets the samples in a frame" : null)
                        .error();
            }
            if (i > 0) {
                Frame previous = watched.frames.get(i - 1);
                if (frame.seq != previous.seq + 1 || frame.first != previous.first + (long) SESSION_FRAME * (1 + frame.dropped)) {
                    throw Report.of("seq numbers a client's frames with no gap; first counts every sample made for it, "
                                    + "dropped ones too (--frame " + SESSION_FRAME + " a frame)")
                            .sent(sent)
                            .expected("after " + Report.show(previous.text) + ": seq " + (previous.seq + 1) + ", first "
                                    + (previous.first + SESSION_FRAME) + " (more only for frames dropped)")
                            .got(Report.show(frame.text))
                            .error();
                }
            }
        }
    }

    // ---- frames ----

    private static final Pattern ERROR = Pattern.compile("\\s*\\{\\s*\"error\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*}\\s*");
    private static final Pattern SAMPLES = Pattern.compile("\"samples\"\\s*:\\s*\\[([^\\]]*)]");

    static boolean isError(String text) {
        return ERROR.matcher(text).matches();
    }

    /** A frame a client got: its fields, its text, and when it arrived (System.nanoTime). */
    private record Frame(long seq, long first, int rate, int dropped, int[] samples, String text, long arrived) {
        Frame at(long time) {
            return new Frame(seq, first, rate, dropped, samples, text, time);
        }
    }

    /** The frame {@code text} holds; a failed check if it holds none. */
    private static Frame parseFrame(String text, String sent) {
        String trimmed = text.strip();
        Matcher samples = SAMPLES.matcher(trimmed);
        Optional<Long> seq = field(trimmed, "seq");
        Optional<Long> first = field(trimmed, "first");
        Optional<Long> rate = field(trimmed, "rate");
        Optional<Long> dropped = field(trimmed, "dropped");
        int[] values = null;
        if (samples.find()) {
            try {
                String list = samples.group(1).strip();
                values = list.isEmpty() ? new int[0]
                        : Arrays.stream(list.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
            } catch (NumberFormatException e) {
                values = null;
            }
        }
        boolean inRange = values != null && Arrays.stream(values).allMatch(v -> v >= 0 && v <= 1023);
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}") || seq.isEmpty() || first.isEmpty() || rate.isEmpty()
                || dropped.isEmpty() || !inRange) {
            throw Report.of(FRAME_RULE)
                    .sent(sent)
                    .expected("a frame like {\"seq\":0,\"first\":0,\"rate\":1000,\"dropped\":0,\"samples\":[400,402,...]}")
                    .got(Report.show(text))
                    .hint(values != null && !inRange ? "every sample is a whole number from 0 to 1023" : null)
                    .error();
        }
        return new Frame(seq.get(), first.get(), rate.get().intValue(), dropped.get().intValue(), values, text, System.nanoTime());
    }

    private static Optional<Long> field(String text, String name) {
        Matcher match = Pattern.compile("\"" + name + "\"\\s*:\\s*(-?[0-9]{1,18})\\s*[,}]").matcher(text);
        return match.find() ? Optional.of(Long.parseLong(match.group(1))) : Optional.empty();
    }

    /** Waits for {@code count} frames of {@code size} samples (error replies skipped), each at most the reply limit. */
    private static List<Frame> expectFrames(Client client, int count, int size, String sent) {
        List<Frame> frames = new ArrayList<>();
        while (frames.size() < count) {
            Optional<String> text = client.next(REPLY_LIMIT);
            if (text.isEmpty()) {
                throw Report.of("start streams to this client: a frame every --frame / rate seconds (50 ms by default)")
                        .sent(sent)
                        .expected(count + " frames")
                        .got(frames.size() + " frames, then " + client.nothing(REPLY_LIMIT))
                        .hint(frames.isEmpty() ? "on start, schedule this client's frames: timer.scheduleAtFixedRate(...), "
                                + "and send each frame to this client" : "the frames stopped: a task that throws is cancelled, "
                                + "and sends nothing more")
                        .error();
            }
            if (isError(text.get())) {
                continue;
            }
            Frame frame = parseFrame(text.get(), sent);
            if (frame.samples.length != size) {
                throw Report.of(FRAME_RULE).sent(sent).expected(size + " samples in a frame (--frame " + size + ")")
                        .got(frame.samples.length + " samples: " + Report.show(text.get())).error();
            }
            frames.add(frame);
        }
        return frames;
    }

    // ---- the page ----

    private static String canvas(Page page) {
        return String.valueOf(page.script("return document.getElementById('plot').toDataURL();"));
    }

    /** Waits, at most 3 s, until the canvas differs from {@code before}. */
    private static void awaitChange(Page page, String before) {
        try {
            await().atMost(3, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).until(() -> !canvas(page).equals(before));
        } catch (ConditionTimeoutException e) {
            // the caller compares the canvas again, and reports what it found
        }
    }

    /** The canvas once it has stood still for 300 ms (at most 3 s of waiting). */
    private static String awaitStill(Page page) {
        AtomicReference<String> snapshot = new AtomicReference<>(canvas(page));
        try {
            await().atMost(3, TimeUnit.SECONDS).pollDelay(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        String next = canvas(page);
                        return next.equals(snapshot.getAndSet(next));
                    });
        } catch (ConditionTimeoutException e) {
            // still moving after 3 s: the caller's comparison says so
        }
        return snapshot.get();
    }

    /** Whether the canvas stays {@code still} for a second: the window in which a plot that keeps moving shows it. */
    private static boolean staysStill(Page page, String still) {
        try {
            await().during(Duration.ofSeconds(1)).atMost(2, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                    .until(() -> canvas(page).equals(still));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static boolean near(String text, int rate) {
        Matcher number = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)").matcher(text);
        if (!number.find()) {
            return false;
        }
        double value = Double.parseDouble(number.group(1));
        return Math.abs(value - rate) <= rate * 0.1;
    }

    // ---- the background ----

    private static <T> CompletableFuture<T> inBackground(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | AssertionError e) {
                result.completeExceptionally(e);
            }
        }, "stream-session");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** What the session found (it takes some 12 s, and a server start). */
    private static <T> T result(CompletableFuture<T> found) {
        try {
            return found.get(45, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError failure) {
                throw failure;
            }
            throw (RuntimeException) e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the session of several clients did not end within 45 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
