package wslab.checks.rules;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import wslab.checks.harness.CheckFailure;
import wslab.checks.harness.Client;
import wslab.checks.harness.Heap;
import wslab.checks.harness.LessonChecks;
import wslab.checks.harness.LessonExtension;
import wslab.checks.harness.LessonOrder;
import wslab.checks.harness.LessonProcess;
import wslab.checks.harness.LessonRun;
import wslab.checks.harness.Page;
import wslab.checks.harness.RawConnection;
import wslab.checks.harness.Report;
import wslab.checks.harness.ServerCommand;
import wslab.grading.Hosts;

/**
 * The rules every lesson's server keeps (RULES.md, rules A1 to A7): its command line, its
 * ready line, a clean stop, and that no client can stop it. A lesson's checks extend this class (or
 * one of its subclasses) and add the lesson's own rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(LessonOrder.class)
@ExtendWith(LessonExtension.class)
public abstract class EveryLessonRules implements LessonChecks {

    protected static final Duration REPLY_LIMIT = Duration.ofSeconds(3);
    protected static final Duration START_LIMIT = LessonRun.START_LIMIT;
    protected static final Duration EXIT_LIMIT = Duration.ofSeconds(10);
    /**
     * How long the checks wait for a server to answer a bad frame with its close frame, or a bad request with an
     * error, before they go on. A correct server answers within milliseconds; Java-WebSocket 1.6.0 now and then
     * leaves its close frame queued until the client writes again (a race in its selector), which the rules
     * allow: a connection that sent bad input may be closed, or not (A6).
     */
    private static final Duration MALFORMED_ANSWER_LIMIT = Duration.ofSeconds(5);
    /** Closed connections a correct server may still reference for a while (its threads' last work). */
    private static final int LINGERING = 50;
    /** Clients that come and go in the robustness check: four times what a correct server may linger on. */
    private static final int COMING_AND_GOING = 200;
    private static final int SIDE_BY_SIDE = 20;

    /** The server these checks share, started before the first check. */
    protected LessonProcess server;
    /** A folder for this class's files (logs, reply lists); deleted afterwards. */
    protected Path scratch;
    private LessonRun run;

    @Override
    public final void begin(LessonRun run) {
        this.run = run;
        this.scratch = run.scratch();
        this.server = run.startServer(startArguments());
    }

    /** The lesson's own options for the shared server (a log file, a replies file, ...). */
    @Override
    public List<String> startArguments() {
        return List.of();
    }

    /**
     * The lesson's own options for a run that must be refused for another reason (a bad option, a taken
     * port): what a correct server needs to get that far, such as a replies file it reads before it binds.
     */
    protected List<String> refusalArguments() {
        return List.of();
    }

    /** The host the ready line names when {@code --host} is not given. */
    @Override
    public String defaultHost() {
        return "127.0.0.1";
    }

    /** Proves the server still does its lesson's job, on a new connection. */
    protected abstract void assertServes(LessonProcess server);

    /**
     * Proves the lesson's own rule works (by default: {@link #assertServes}), when no {@link BasicRule}
     * check has shown it (one run alone). Until it does, the checks a lesson inherits cannot pass: a
     * starter earns nothing for the code it was given.
     */
    @Override
    public void assertLessonWorks() {
        assertServes(server);
    }

    /** Starts another copy of the server on a free port and waits for its ready line. */
    protected LessonProcess start(List<String> lessonArguments) {
        return run.start(lessonArguments);
    }

    /** Starts the server with exactly {@code args}; does not wait. Stopped after the class's checks. */
    protected LessonProcess launch(List<String> args) {
        return run.launchIn(run.nextRunFolder(), args, false);
    }

    /**
     * Like {@link #launch}, in the working folder {@code workDir}. With {@code -Dwslab.server.host} (browsers
     * on another machine), a lesson whose server listens on 127.0.0.1 by default gets {@code --host} that
     * address, unless {@code args} give their own.
     */
    protected LessonProcess launchIn(Path workDir, List<String> args) {
        return run.launchIn(workDir, args, false);
    }

    /**
     * Opens the kit's page {@code file} pointed at the shared server (at {@code host}), and waits until it
     * shows the connection open. {@code extraQuery} adds URL parameters, like {@code "&hide=0"}.
     */
    protected Page openPage(String file, String host, String extraQuery) {
        return run.openPage(file, host, extraQuery);
    }

    protected Page openPage(String file) {
        return openPage(file, Hosts.LOOPBACK, "");
    }

    /**
     * A page check that timed out is confirmed over the wire before it fails: a correct server whose
     * reply the WebSocket library held back (browsers never ping to release it) is not failed for
     * it, and the report says that it happened.
     */
    protected void confirmOverWire(AssertionError pageFailure, Runnable overTheWire) {
        try {
            overTheWire.run();
        } catch (AssertionError wireFailure) {
            throw pageFailure;
        }
        run.note("the page did not show the server's reply in time, but the "
                + "server answers over the wire: a frame held back by the WebSocket library until its next write?");
    }

    @Test
    @Enforces({Rule.A1, Rule.A4})
    @DisplayName("prints LISTENING AT <host>:<port> once it accepts connections")
    void printsReadyLine() {
        String expected = "LISTENING AT " + run.readyHost() + ":" + server.port();
        if (!server.readyLine().equals(expected)) {
            throw Report.of("once the server accepts connections it prints LISTENING AT <host>:<port>")
                    .sent(String.join(" ", startArgumentsShown()))
                    .expected(Report.show(expected))
                    .got(Report.show(server.readyLine()))
                    .error();
        }
    }

    @Test
    @Enforces(Rule.A2)
    @DisplayName("refuses an unknown option with a one-line usage message and exit status 2")
    void refusesUnknownOption() {
        assertRefused(withRefusalArguments("--no-such-option", "1"), 2, "a bad option prints a one-line usage message on stderr and exits with status 2");
    }

    @Test
    @Enforces({Rule.A1, Rule.A2})
    @DisplayName("refuses a port that is not a number with exit status 2")
    void refusesBadPort() {
        assertRefused(withRefusalArguments("--port", "ninety"), 2, "a bad option value prints a one-line usage message on stderr and exits with status 2");
    }

    @Test
    @Enforces(Rule.A3)
    @DisplayName("on a port already taken, prints one line naming the port and exits with status 1")
    void refusesTakenPort() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String port = String.valueOf(taken.getLocalPort());
            String stderr = assertRefused(withRefusalArguments("--host", "127.0.0.1", "--port", port), 1,
                    "a port that is already taken prints a one-line error that names the port and exits with status 1");
            if (!stderr.contains(port)) {
                throw Report.of("the error for a taken port names the port")
                        .sent("--port " + port + " while another program listens there")
                        .expected("a line that contains " + port)
                        .got(Report.show(stderr))
                        .error();
            }
        }
    }

    /**
     * The last check of a lesson: it stops the shared server (or, if an earlier check's input ended it,
     * a fresh copy), so that no server is started for this check alone.
     */
    @Test
    @Enforces(Rule.A5)
    @Order(Integer.MAX_VALUE)
    @DisplayName("stops cleanly on SIGTERM, without a stack trace")
    void stopsOnSigterm() {
        LessonProcess stopped = server.isAlive() ? server : start(startArguments());
        try (Client client = Client.connect(stopped.uri())) {
            int stderrBefore = stopped.stderr().size();
            stopped.terminate();
            OptionalInt status = stopped.awaitExit(EXIT_LIMIT);
            if (status.isEmpty()) {
                throw Report.of("the server stops cleanly on Ctrl-C / SIGTERM")
                        .sent("SIGTERM, with one client connected")
                        .expected("the process ends")
                        .got("still running after " + EXIT_LIMIT.toSeconds() + " s")
                        .hint("a thread that never ends, or a shutdown hook that waits forever?")
                        .error();
            }
            assertNoStackTrace(stopped.stderr().linesFrom(stderrBefore), "SIGTERM");
        }
    }

    @Test
    @Enforces(Rule.A6)
    @DisplayName("keeps serving after a client sends a binary frame")
    void survivesBinaryFrame() {
        try (Client client = Client.connect(server.uri())) {
            client.sendBinary(new byte[] {0, 1, 2, (byte) 0xFF});
            assertStillServes("a binary frame");
        }
    }

    @Test
    @Enforces(Rule.A6)
    @DisplayName("keeps serving after invalid UTF-8, a malformed frame and a failed handshake")
    void survivesMalformedInput() throws IOException {
        // each bad input is answered before the next is sent: a server that one of them ends is seen to end
        List<String> sent = new ArrayList<>();
        sendBadFrame(RawConnection.TEXT, new byte[] {'o', 'k', (byte) 0xC3, 0x28},
                "a text frame whose payload is not UTF-8 (the bytes 6F 6B C3 28)", "1007, invalid frame payload data", sent);
        sendBadFrame(0x3, "reserved".getBytes(StandardCharsets.US_ASCII),
                "a frame with the reserved opcode 0x3", "1002, protocol error", sent);
        String notWebSocket = "a request that is not a WebSocket handshake (\"HELLO?\")";
        try (java.net.Socket socket = new java.net.Socket()) {
            try {
                socket.connect(new InetSocketAddress(server.uri().getHost(), server.port()),
                        (int) MALFORMED_ANSWER_LIMIT.toMillis());
            } catch (IOException e) {
                throw stoppedServing(sent, "a new connection refused (" + e.getMessage() + ")");
            }
            socket.getOutputStream().write("HELLO?\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Optional<String> answer = RawConnection.awaitAnswer(socket, MALFORMED_ANSWER_LIMIT);
            if (answer.isEmpty()) {
                throw Report.of("a bad message never stops the server: it turns down a request that is not a WebSocket handshake")
                        .sent(after(notWebSocket, sent))
                        .expected("an HTTP error, or the connection closed, within " + MALFORMED_ANSWER_LIMIT.toSeconds() + " s")
                        .got("nothing: the connection stayed open, and silent")
                        .error();
            }
            sent.add(notWebSocket + ", answered with " + answer.get());
        }
        assertStillServes(String.join(", then ", sent));
    }

    /**
     * Sends one bad frame, {@code what}, on a new connection, and waits (at most 5 s) for the server's answer: its
     * close frame (RFC 6455: status {@code expectedStatus}), or the connection closed. Adds both to {@code sent}.
     * A server that the frame ends is seen to end before the next bad input is sent.
     */
    private void sendBadFrame(int opcode, byte[] payload, String what, String expectedStatus, List<String> sent) {
        RawConnection connection;
        try {
            connection = RawConnection.open(server.uri());
        } catch (UncheckedIOException e) {
            throw stoppedServing(sent, "a new connection refused (" + e.getCause().getMessage() + ")");
        }
        String answer;
        try (connection) {
            connection.ping(REPLY_LIMIT); // the bad frame comes to a connection the server has opened
            connection.sendFrame(opcode, payload);
            answer = connection.awaitClose(MALFORMED_ANSWER_LIMIT).orElse("nothing within " + MALFORMED_ANSWER_LIMIT.toSeconds()
                    + " s (expected: a close frame with status " + expectedStatus + "; the check closed the connection)");
        } catch (UncheckedIOException e) {
            answer = "the connection closed while the frame was sent (" + e.getCause().getMessage() + ")";
        }
        sent.add(what + ", answered with " + answer);
    }

    private static String after(String what, List<String> sent) {
        return sent.isEmpty() ? what : what + ", after " + String.join(", then ", sent);
    }

    /** The failure of a server that no longer takes connections after bad input: it exited, or {@code got}. */
    private AssertionError stoppedServing(List<String> sent, String got) {
        boolean exited = server.awaitExit(EXIT_LIMIT).isPresent();
        return Report.of("a bad message never stops the server: it keeps serving every other client")
                .sent(sent.isEmpty() ? "a WebSocket handshake, before any bad input" : String.join(", then ", sent))
                .got(exited ? "the server process exited" : got)
                .hint(exited ? "onError is told of one connection's trouble: the server goes on serving the others (System.exit there?)" : null)
                .error();
    }

    @Test
    @Enforces(Rule.A6)
    @DisplayName("keeps serving after a 1 MiB message")
    void survivesHugeMessage() {
        try (RawConnection huge = RawConnection.open(server.uri())) {
            byte[] payload = new byte[1024 * 1024];
            java.util.Arrays.fill(payload, (byte) 'w');
            huge.sendFrame(RawConnection.TEXT, payload);
        } catch (UncheckedIOException e) {
            // the server may close a connection whose frame it will not take: that is allowed
        }
        assertStillServes("a 1 MiB text message (16 times the longest message a lesson must take)");
    }

    @Test
    @Enforces(Rule.A7)
    @DisplayName("keeps serving, and does not hold on to closed connections, after 200 clients come and go")
    void survivesManyClients() {
        int before = Heap.liveConnections(server);
        // In groups side by side, which is how clients come: one at a time, the wait for each answer adds up.
        for (int group = 0; group < COMING_AND_GOING / SIDE_BY_SIDE; group++) {
            List<RawConnection> connections = RawConnection.openAll(server.uri(), SIDE_BY_SIDE);
            try {
                // Each closed once open in the server's eyes: the library keeps some connections dropped sooner.
                connections.forEach(RawConnection::sendPing);
                for (int i = 0; i < connections.size(); i++) {
                    RawConnection connection = connections.get(i);
                    connection.awaitPong(REPLY_LIMIT);
                    if (i % 2 == 0) {
                        connection.sendClose();
                    }
                }
            } finally {
                connections.forEach(RawConnection::close);
            }
        }
        assertStillServes(COMING_AND_GOING + " connections, opened and closed (half politely, half dropped)");
        try {
            await().atMost(15, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300))
                    .until(() -> Heap.liveConnections(server) <= before + LINGERING);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw Report.of("every connection is independent, and a closed one is let go")
                    .sent(COMING_AND_GOING + " connections, opened and closed")
                    .expected("at most " + (before + LINGERING) + " connection objects in the server's memory ("
                            + before + " before, and a few the library's threads still point to)")
                    .got(Heap.liveConnections(server) + " connection objects still alive")
                    .hint("a list of clients that is added to in onOpen but never removed from in onClose?")
                    .error();
        }
    }

    private void assertStillServes(String what) {
        if (!server.isAlive()) {
            throw Report.of("a bad message never stops the server: it keeps serving every other client")
                    .sent(what)
                    .got("the server process exited")
                    .error();
        }
        try {
            assertServes(server);
        } catch (AssertionError e) {
            if (server.awaitExit(REPLY_LIMIT).isPresent()) {
                // it was still ending when looked at: an earlier input ended it
                throw Report.of("a bad message never stops the server: it keeps serving every other client")
                        .sent(what)
                        .got("the server process exited")
                        .error();
            }
            throw CheckFailure.waiting("cannot check until the lesson's own rule works, after " + what + ":\n"
                    + e.getMessage(), e);
        }
    }

    private List<String> withRefusalArguments(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(refusalArguments());
        return all;
    }

    /** Starts the server with {@code args}, expects it to exit with {@code expectedStatus} and one line on stderr. */
    protected String assertRefused(List<String> args, int expectedStatus, String rule) {
        LessonProcess refused = run.launchIn(run.nextRunFolder(), args, true);
        long deadline = System.nanoTime() + EXIT_LIMIT.toNanos();
        // a server that prints its ready line has not refused: no need to wait for an exit that will not come
        Optional<String> ready = refused.stdout().await(0, l -> LessonProcess.READY.matcher(l).matches(), EXIT_LIMIT);
        String shown = String.join(" ", args);
        if (ready.isPresent() && refused.isAlive()) {
            refused.kill();
            throw Report.of(rule).sent(shown).expected("exit status " + expectedStatus + ", and no ready line: the server must not start")
                    .got("it started: " + Report.show(ready.get())).error();
        }
        OptionalInt status = refused.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        List<String> errors = refused.stderr().lines();
        if (status.isEmpty()) {
            refused.kill();
            throw Report.of(rule).sent(shown).expected("exit status " + expectedStatus)
                    .got("still running after " + EXIT_LIMIT.toSeconds() + " s").error();
        }
        if (status.getAsInt() != expectedStatus) {
            throw Report.of(rule).sent(shown).expected("exit status " + expectedStatus)
                    .got("exit status " + status.getAsInt() + ", stderr " + Report.show(errors)).error();
        }
        if (!refused.readyLine().isEmpty()) {
            throw Report.of(rule).sent(shown).expected("no ready line: the server must not start")
                    .got(Report.show(refused.readyLine())).error();
        }
        List<String> nonBlank = errors.stream().filter(l -> !l.isBlank()).toList();
        if (nonBlank.size() != 1) {
            throw Report.of(rule).sent(shown).expected("exactly one line on stderr")
                    .got(nonBlank.size() + " lines: " + Report.show(nonBlank))
                    .hint("catch the exception and print one line instead of a stack trace").error();
        }
        return nonBlank.get(0);
    }

    private void assertNoStackTrace(List<String> stderr, String after) {
        List<String> traces = stderr.stream()
                .filter(l -> l.startsWith("\tat ") || l.contains("Exception in thread")).toList();
        if (!traces.isEmpty()) {
            throw Report.of("the server stops cleanly, without a stack trace")
                    .sent(after)
                    .got(Report.show(traces))
                    .error();
        }
    }

    private List<String> startArgumentsShown() {
        List<String> shown = new ArrayList<>(List.of("--port", String.valueOf(server.port())));
        shown.addAll(startArguments());
        run.givenHost().filter(h -> ServerCommand.hostOption(startArguments()).isEmpty())
                .ifPresent(h -> shown.addAll(List.of("--host", h)));
        return shown;
    }
}
