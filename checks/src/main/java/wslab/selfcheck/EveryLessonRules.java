package wslab.selfcheck;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import wslab.grading.Hosts;

/**
 * The rules every lesson's server keeps (RULES.md, rules A1 to A7): its command line, its
 * ready line, a clean stop, and that no client can stop it. A lesson's checks extend this class (or
 * one of its subclasses) and add the lesson's own rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(LessonOrder.class)
@ExtendWith(LessonExtension.class)
public abstract class EveryLessonRules {

    protected static final Duration REPLY_LIMIT = Duration.ofSeconds(3);
    protected static final Duration START_LIMIT = Duration.ofSeconds(15);
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

    /** The server these checks share, started before the first check. */
    protected LessonProcess server;
    /** A folder for this class's files (logs, reply lists); deleted afterwards. */
    protected Path scratch;
    ServerCode code;
    int stdoutMark;
    boolean aliveBefore;
    int stderrMark;
    String checkName = "";
    long deadline = Long.MAX_VALUE;
    ExtensionContext checkContext;
    Function<String, Optional<String>> configuration = key -> Optional.empty();
    private final List<LessonProcess> launched = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();

    /** The lesson's own options for the shared server (a log file, a replies file, ...). */
    protected List<String> startArguments() {
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
    protected String defaultHost() {
        return "127.0.0.1";
    }

    /** Proves the server still does its lesson's job, on a new connection. */
    protected abstract void assertServes(LessonProcess server);

    /**
     * Proves the lesson's own rule works (by default: {@link #assertServes}), when no {@link BasicRule}
     * check has shown it (one run alone). Until it does, the checks a lesson inherits cannot pass: a
     * starter earns nothing for the code it was given.
     */
    protected void assertLessonWorks() {
        assertServes(server);
    }

    /** The lesson's {@link BasicRule} checks that failed (their names), and how many passed. */
    final List<String> basicFailed = new ArrayList<>();
    int basicPassed;
    int basicChecks;
    private String lessonFailure;
    private boolean lessonChecked;

    /**
     * Stops the current check at once (aborted, not passed) unless the lesson's basic rule works: its
     * {@link BasicRule} checks passed. If they have not run (a check run alone), {@link #assertLessonWorks}
     * is asked instead (found out once), and the check fails if it does not work.
     */
    void requireLessonWorks() {
        if (!basicFailed.isEmpty()) {
            throw new CheckFailure.Waiting("cannot check until \""
                    + String.join("\" and \"", basicFailed) + "\" works");
        }
        if (basicChecks > 0 && basicPassed == basicChecks) {
            return;
        }
        if (!lessonChecked) {
            lessonChecked = true;
            try {
                assertLessonWorks();
            } catch (AssertionError e) {
                lessonFailure = e.getMessage();
            }
        }
        if (lessonFailure != null) {
            // no check of the basic rule has failed to show why (it did not run): this check fails, saying why
            throw CheckFailure.waiting("cannot check until the lesson's own rule works:\n" + lessonFailure, null);
        }
    }

    /** Starts another copy of the server on a free port and waits for its ready line. */
    protected LessonProcess start(List<String> lessonArguments) {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(LessonProcess.freePort())));
        args.addAll(lessonArguments);
        return launch(args).awaitReady(START_LIMIT);
    }

    /** Starts the server with exactly {@code args}; does not wait. Stopped after the class's checks. */
    protected LessonProcess launch(List<String> args) {
        return launchIn(nextRunFolder(), args);
    }

    /** A working folder of its own for the next server launched. */
    private Path nextRunFolder() {
        return scratch.resolve("run-" + runs.incrementAndGet());
    }

    /**
     * Like {@link #launch}, in the working folder {@code workDir}. With {@code -Dwslab.server.host} (browsers
     * on another machine), a lesson whose server listens on 127.0.0.1 by default gets {@code --host} that
     * address, unless {@code args} give their own.
     */
    protected LessonProcess launchIn(Path workDir, List<String> args) {
        return launchIn(workDir, args, false);
    }

    private LessonProcess launchIn(Path workDir, List<String> args, boolean toBeRefused) {
        Optional<String> host = givenHost();
        List<String> withHost = args;
        if (host.isPresent() && LessonProcess.hostOption(args).isEmpty()) {
            withHost = new ArrayList<>(args);
            withHost.addAll(List.of("--host", host.get()));
        }
        // In the sandbox, the server sees the checks' folder: its working folder and the files they give it.
        LessonProcess process = LessonProcess.launch(code, workDir, withHost, toBeRefused, scratch);
        synchronized (launched) {
            launched.add(process);
        }
        return process;
    }

    /**
     * Opens the kit's page {@code file} pointed at the shared server (at {@code host}), and waits until it
     * shows the connection open. {@code extraQuery} adds URL parameters, like {@code "&hide=0"}.
     */
    protected Page openPage(String file, String host, String extraQuery) {
        return Page.open(configuration, file, "host=" + pageHost(host) + "&port=" + server.port() + extraQuery, checkName);
    }

    protected Page openPage(String file) {
        return openPage(file, Hosts.LOOPBACK, "");
    }

    /** Where a page connects when a check asks for {@code host} ({@link Hosts#pageHost}). */
    private String pageHost(String host) {
        return Hosts.pageHost(host, LessonProcess.serverHost(configuration));
    }

    /** The address the servers are given with --host: {@code -Dwslab.server.host}, for a lesson that listens on 127.0.0.1 by default. */
    private Optional<String> givenHost() {
        return Hosts.LOOPBACK.equals(defaultHost()) ? LessonProcess.serverHost(configuration) : Optional.empty();
    }

    /** The host the shared server's ready line names. */
    private String readyHost() {
        return givenHost().orElse(defaultHost());
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
        if (checkContext != null) {
            checkContext.publishReportEntry("note", "the page did not show the server's reply in time, but the "
                    + "server answers over the wire: a frame held back by the WebSocket library until its next write?");
        }
    }

    void closeLaunched() {
        synchronized (launched) {
            launched.forEach(LessonProcess::close);
        }
    }

    @Test
    @Enforces({Rule.A1, Rule.A4})
    @DisplayName("prints LISTENING AT <host>:<port> once it accepts connections")
    void printsReadyLine() {
        String expected = "LISTENING AT " + readyHost() + ":" + server.port();
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
        for (int i = 0; i < COMING_AND_GOING; i++) {
            try (RawConnection connection = RawConnection.open(server.uri())) {
                // Closed once open in the server's eyes: the library keeps some connections dropped sooner.
                connection.ping(REPLY_LIMIT);
                if (i % 2 == 0) {
                    connection.sendClose();
                }
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
        LessonProcess refused = launchIn(nextRunFolder(), args, true);
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
        givenHost().filter(h -> LessonProcess.hostOption(startArguments()).isEmpty())
                .ifPresent(h -> shown.addAll(List.of("--host", h)));
        return shown;
    }
}
