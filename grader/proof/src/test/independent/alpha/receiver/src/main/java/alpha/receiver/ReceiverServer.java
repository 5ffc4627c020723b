package alpha.receiver;

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
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
 * Lesson "receiver": a WebSocket server that prints what happens.
 *
 * <p>On a new connection it prints {@code CONNECTED}, for every text message the message itself,
 * and when a connection closes {@code DISCONNECTED}; each on its own line of stdout, flushed.
 *
 * <p>Usage: {@code java alpha.receiver.ReceiverServer [--port N] [--host H]}
 */
public final class ReceiverServer extends WebSocketServer {

    private static final String USAGE =
            "usage: java alpha.receiver.ReceiverServer [--port N] [--host H]";
    private static final int DEFAULT_PORT = 9000;
    private static final String DEFAULT_HOST = "127.0.0.1";

    /** stdout and stderr in UTF-8, whatever the platform's default encoding is. */
    private static final PrintStream OUT = utf8(FileDescriptor.out);
    private static final PrintStream ERR = utf8(FileDescriptor.err);

    private final String hostLabel;
    private final int requestedPort;
    private final CountDownLatch startup = new CountDownLatch(1);
    private volatile boolean listening;
    private volatile Exception startupError;

    private ReceiverServer(
            InetSocketAddress address, String hostLabel) {
        // One worker thread handles the events of all clients, so the console shows them in
        // the order they arrived, even across clients.
        super(address, 1);
        this.hostLabel = hostLabel;
        this.requestedPort = address.getPort();
        // Lets a restarted server bind again while old connections are in TIME_WAIT.
        // (On Linux this does not allow two servers to listen on the same port.)
        setReuseAddr(true);
        setWebSocketFactory(new InOrderFactory(this));
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
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        say(message);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        // Binary frames are not part of the lesson: ignore them, keep the connection.
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
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

        ReceiverServer server = new ReceiverServer(
                new InetSocketAddress(address, options.port), options.host);
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
    }
}
