package alpha.quiz3;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;

/**
 * Quiz 3: the system time, periodically.
 *
 * <p>The "echo" server, and every {@code --interval} milliseconds (default 1000) each connected
 * client gets the current system time, as an ISO-8601 date-time with the zone offset. A client
 * gets its first time as soon as it connects.
 *
 * <p>Usage: {@code java alpha.quiz3.ClockServer [--port N] [--host H] [--interval MS]}
 */
public final class ClockServer extends WebSocketServer {

    private static final String USAGE =
            "usage: java alpha.quiz3.ClockServer [--port N] [--host H] [--interval MS]";
    private static final int DEFAULT_PORT = 9000;
    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final long DEFAULT_INTERVAL_MS = 1000;
    /** ISO-8601 with date, time (ms) and zone offset, e.g. 2026-11-24T19:30:00.123+01:00. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    /** stdout and stderr in UTF-8, whatever the platform's default encoding is. */
    private static final PrintStream OUT = utf8(FileDescriptor.out);
    private static final PrintStream ERR = utf8(FileDescriptor.err);

    private final String hostLabel;
    private final int requestedPort;
    private final CountDownLatch startup = new CountDownLatch(1);
    private volatile boolean listening;
    private volatile Exception startupError;
    private final long intervalMillis;
    private final ScheduledExecutorService clock;

    private ClockServer(
            InetSocketAddress address, String hostLabel, long intervalMillis) {
        // One worker thread handles the events of all clients, so the console shows them in
        // the order they arrived, even across clients.
        super(address, 1);
        this.hostLabel = hostLabel;
        this.requestedPort = address.getPort();
        // Lets a restarted server bind again while old connections are in TIME_WAIT.
        // (On Linux this does not allow two servers to listen on the same port.)
        setReuseAddr(true);
        setWebSocketFactory(new InOrderFactory(this));
        this.intervalMillis = intervalMillis;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "clock");
            thread.setDaemon(true);
            return thread;
        });
        // Get the clock thread and the time-zone rules ready now, so that the first client's
        // first tick is not late.
        executor.prestartAllCoreThreads();
        now();
        this.clock = executor;
    }

    // ---------------------------------------------------------------- WebSocket events

    @Override
    public void onStart() {
        listening = true;
        say("LISTENING AT " + hostLabel + ":" + getPort());
        startup.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        say("CONNECTED");
        // Each client has its own clock, started now: the first time goes out at once.
        Ticker ticker = new Ticker(conn);
        conn.setAttachment(ticker);
        ticker.start(clock, intervalMillis);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        say(message);
        send(conn, message);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        // Binary frames are not part of the lesson: ignore them, keep the connection.
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Ticker ticker = conn.getAttachment();
        if (ticker != null) {
            ticker.stop();
        }
        say("DISCONNECTED");
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && !listening) {
            // The library reports a failure to bind (port taken...) here, from its own thread.
            startupError = ex;
            startup.countDown();
        } else if (conn == null) {
            ERR.println("error: " + oneLine(ex));
        } else if (ex instanceof RuntimeException
                && !(ex instanceof WebsocketNotConnectedException)) {
            // A bug in our own handler; the client's protocol errors and a client that goes
            // away are normal and are not reported.
            ERR.println("error while handling a client: " + oneLine(ex));
        }
    }

    /** Sends a text to one client; a client that has just left is not an error. */
    private static void send(WebSocket conn, String text) {
        try {
            conn.send(text);
        } catch (WebsocketNotConnectedException e) {
            // The client left meanwhile: nothing to do.
        }
    }

    // ---------------------------------------------------------------- the clock

    /** The current system time in ISO-8601, with the zone offset. */
    static String now() {
        return TIME.format(OffsetDateTime.now());
    }

    /** Sends the time to one client every interval, until it leaves. */
    private static final class Ticker implements Runnable {
        private final WebSocket conn;
        private ScheduledFuture<?> task;
        private boolean stopped;

        Ticker(WebSocket conn) {
            this.conn = conn;
        }

        synchronized void start(ScheduledExecutorService clock, long intervalMillis) {
            if (!stopped) {
                task = clock.scheduleAtFixedRate(this, 0, intervalMillis, TimeUnit.MILLISECONDS);
            }
        }

        synchronized void stop() {
            stopped = true;
            if (task != null) {
                task.cancel(false);
            }
        }

        @Override
        public void run() {
            // Never let an exception out: it would silently end this client's ticks.
            try {
                if (conn.isOpen()) {
                    conn.send(now());
                }
            } catch (WebsocketNotConnectedException e) {
                // The client is leaving: onClose stops this ticker.
            } catch (RuntimeException e) {
                ERR.println("error while sending the time: " + oneLine(e));
            }
        }
    }

    // ---------------------------------------------------------------- console

    private static PrintStream utf8(FileDescriptor fd) {
        return new PrintStream(new FileOutputStream(fd), true, StandardCharsets.UTF_8);
    }

    /** Prints one line on stdout and flushes it; lines from different threads never mix. */
    private static void say(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }

    private static String oneLine(Throwable ex) {
        String message = ex.getMessage();
        String text = message == null ? ex.getClass().getSimpleName() : message;
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    // ---------------------------------------------------------------- start and stop

    private void shutdown() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Already stopping: nothing more to do.
        }
    }

    public static void main(String[] args) {
        System.setOut(OUT);
        System.setErr(ERR);

        Options options;
        InetAddress address;
        try {
            options = Options.parse(args);
            address = resolve(options.host);
        } catch (UsageException e) {
            ERR.println(USAGE + "  (" + e.getMessage() + ")");
            System.exit(2);
            return;
        }

        ClockServer server = new ClockServer(
                new InetSocketAddress(address, options.port), options.host, options.interval);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "shutdown"));
        server.start();

        try {
            if (!server.startup.await(30, TimeUnit.SECONDS)) {
                ERR.println("error: the server did not start listening on port " + options.port
                        + " within 30 s");
                System.exit(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
        if (server.startupError != null) {
            ERR.println(describeBindFailure(
                    server.startupError, options.host, server.requestedPort));
            System.exit(1);
        }
        // The library's threads keep serving; main is done.
    }

    private static String describeBindFailure(Exception ex, String host, int port) {
        String reason = oneLine(ex);
        if (ex instanceof BindException && reason.toLowerCase().contains("in use")) {
            return "error: port " + port + " is already in use (" + host + ":" + port + ")";
        }
        return "error: cannot listen on port " + port + " (" + host + ":" + port + "): " + reason;
    }

    private static InetAddress resolve(String host) throws UsageException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new UsageException("unknown host for --host: " + host);
        }
    }

    // ---------------------------------------------------------------- events in order

    /*
     * Java-WebSocket reads the network on one thread (the selector) and handles what it read on
     * a worker thread. When a client sends a message and drops the connection right away, the
     * selector saw the end of the stream and closed the connection before the worker had handled
     * the message: the message was lost, and DISCONNECTED could even come before CONNECTED.
     * These connections hand "the client went away" to their worker, behind the data already
     * received, so that every event is handled in the order it happened.
     */
    private static final class InOrderFactory extends DefaultWebSocketServerFactory {
        private final WebSocketServer server;

        InOrderFactory(WebSocketServer server) {
            this.server = server;
        }

        @Override
        public WebSocketImpl createWebSocket(WebSocketAdapter a, Draft d) {
            return new InOrderConnection(a, List.of(d), server);
        }

        @Override
        public WebSocketImpl createWebSocket(WebSocketAdapter a, List<Draft> drafts) {
            return new InOrderConnection(a, drafts, server);
        }
    }

    private static final class InOrderConnection extends WebSocketImpl {
        private final WebSocketServer server;
        private final AtomicBoolean closeQueued = new AtomicBoolean();
        private volatile Runnable queuedClose;

        InOrderConnection(WebSocketListener listener, List<Draft> drafts, WebSocketServer server) {
            super(listener, drafts);
            this.server = server;
        }

        /** The client closed its side of the TCP connection (end of stream). */
        @Override
        public void eot() {
            if (!queueClose(super::eot)) {
                super.eot();
            }
        }

        /** A network error on this connection (e.g. connection reset). */
        @Override
        public void closeConnection(int code, String message) {
            if (!queueClose(() -> super.closeConnection(code, message))) {
                super.closeConnection(code, message);
            }
        }

        /** Returns false when the close must be done here and now. */
        private boolean queueClose(Runnable close) {
            WebSocketServer.WebSocketWorker worker = getWorkerThread();
            Thread current = Thread.currentThread();
            if (worker == null || worker == current || !worker.isAlive()
                    || current.isInterrupted()) {
                return false;
            }
            stopReading();
            if (!closeQueued.compareAndSet(false, true)) {
                return true; // already on its way
            }
            queuedClose = close;
            ByteBuffer marker = server.createBuffer();
            marker.limit(0); // an empty buffer: "nothing more to read, close now"
            try {
                inQueue.put(marker);
                worker.put(this);
            } catch (InterruptedException e) {
                current.interrupt();
            }
            return true;
        }

        /** Stops the selector from reading the finished stream again while the close waits. */
        private void stopReading() {
            SelectionKey key = getSelectionKey();
            if (key != null && key.isValid()) {
                try {
                    key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
                } catch (CancelledKeyException e) {
                    // closed meanwhile: nothing to stop
                }
            }
        }

        @Override
        public void decode(ByteBuffer buffer) {
            if (buffer.hasRemaining()) {
                super.decode(buffer);
                return;
            }
            Runnable close = queuedClose;
            if (close != null) {
                queuedClose = null;
                close.run();
            }
        }
    }

    // ---------------------------------------------------------------- command line

    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final class Options {
        int port = DEFAULT_PORT;
        String host = DEFAULT_HOST;
        long interval = DEFAULT_INTERVAL_MS;

        static Options parse(String[] args) throws UsageException {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 2) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                switch (name) {
                    case "--port":
                        if (value == null) {
                            value = valueAfter(args, ++i, name);
                        }
                        options.port = parsePort(value);
                        break;
                    case "--host":
                        if (value == null) {
                            value = valueAfter(args, ++i, name);
                        }
                        options.host = parseHost(value);
                        break;
                    case "--interval":
                        if (value == null) {
                            value = valueAfter(args, ++i, name);
                        }
                        options.interval = parseInterval(value);
                        break;
                    default:
                        throw new UsageException(arg.startsWith("-")
                                ? "unknown option: " + arg
                                : "unexpected argument: " + arg);
                }
            }
            return options;
        }

        private static String valueAfter(String[] args, int index, String name)
                throws UsageException {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new UsageException(name + " needs a value");
            }
            return args[index];
        }

        private static int parsePort(String value) throws UsageException {
            if (value.matches("[0-9]{1,5}")) {
                int port = Integer.parseInt(value);
                if (port <= 65535) {
                    return port;
                }
            }
            throw new UsageException(
                    "--port must be a number from 0 to 65535, not '" + value + "'");
        }

        private static String parseHost(String value) throws UsageException {
            if (value.isBlank() || !value.strip().equals(value)) {
                throw new UsageException("--host must be a host name or an IP address, not '"
                        + value + "'");
            }
            return value;
        }

        private static long parseInterval(String value) throws UsageException {
            if (value.matches("[0-9]{1,9}")) {
                long interval = Long.parseLong(value);
                if (interval > 0) {
                    return interval;
                }
            }
            throw new UsageException("--interval must be a positive number of milliseconds, not '"
                    + value + "'");
        }
    }
}
