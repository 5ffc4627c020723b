package alpha.stream;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Lesson 4: a live signal stream.
 *
 * <p>The server makes up one ECG-like channel, sampled by a 10-bit converter (0..1023), for each
 * client that sends {@code start}, and sends it in frames of {@code --frame} samples, as JSON, in
 * real time at the client's own rate ({@code rate N}, 1000 samples a second until set). A client
 * that does not read gets its frames dropped once too many wait for it.
 *
 * <p>Usage: {@code java alpha.stream.StreamServer [--port N] [--host H] [--frame N]}
 */
public final class StreamServer extends WebSocketServer {

    private static final String USAGE =
            "usage: java alpha.stream.StreamServer [--port N] [--host H] [--frame N]";
    private static final int DEFAULT_PORT = 9000;
    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_FRAME = 50;
    private static final int DEFAULT_RATE = 1000;
    private static final int MIN_RATE = 10;
    private static final int MAX_RATE = 10000;
    /** A client never has more than this many frames waiting, whatever its rate. */
    private static final int MIN_BOUND_FRAMES = 100;
    /** The kernel's send buffer for each client's connection. */
    private static final int SEND_BUFFER_BYTES = 32 * 1024;

    /** stdout and stderr in UTF-8, whatever the platform's default encoding is. */
    private static final PrintStream OUT = utf8(FileDescriptor.out);
    private static final PrintStream ERR = utf8(FileDescriptor.err);

    private final String hostLabel;
    private final int requestedPort;
    private final int frameSize;
    private final CountDownLatch startup = new CountDownLatch(1);
    private volatile boolean listening;
    private volatile Exception startupError;
    private final ScheduledThreadPoolExecutor pacer;

    private StreamServer(InetSocketAddress address, String hostLabel, int frameSize) {
        super(address);
        this.hostLabel = hostLabel;
        this.requestedPort = address.getPort();
        this.frameSize = frameSize;
        setReuseAddr(true);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "stream-pacer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.prestartAllCoreThreads();
        this.pacer = executor;
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
        limitKernelBuffer(conn);
        conn.setAttachment(new Stream(conn));
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Stream stream = conn.getAttachment();
        if (stream == null) {
            return;
        }
        if (message.equals("start")) {
            stream.start();
        } else if (message.equals("stop")) {
            stream.stop();
        } else if (message.startsWith("rate ")) {
            String value = message.substring(5);
            int rate = parseRate(value);
            if (rate < 0) {
                send(conn, error("rate wants a whole number from " + MIN_RATE + " to " + MAX_RATE));
            } else {
                stream.setRate(rate);
            }
        } else {
            send(conn, error("unknown command; the commands are start, stop and rate N"));
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        // Binary frames are not commands: ignore them, keep the connection.
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Stream stream = conn.getAttachment();
        if (stream != null) {
            stream.close();
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && !listening) {
            startupError = ex;
            startup.countDown();
        } else if (conn == null) {
            ERR.println("error: " + oneLine(ex));
        } else if (ex instanceof RuntimeException
                && !(ex instanceof WebsocketNotConnectedException)) {
            ERR.println("error while handling a client: " + oneLine(ex));
        }
    }

    /** -1 when the value is not a whole number from MIN_RATE to MAX_RATE. */
    static int parseRate(String value) {
        if (!value.matches("[0-9]{1,9}")) {
            return -1;
        }
        int rate = Integer.parseInt(value);
        return rate >= MIN_RATE && rate <= MAX_RATE ? rate : -1;
    }

    private static String error(String what) {
        // The texts are our own: no character in them needs escaping in JSON.
        return "{\"error\":\"" + what + "\"}";
    }

    private static boolean send(WebSocket conn, String text) {
        try {
            conn.send(text);
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    /** Frames written but not yet sent on the network to this client. */
    private static int waiting(WebSocket conn) {
        if (conn instanceof WebSocketImpl) {
            return ((WebSocketImpl) conn).outQueue.size();
        }
        return 0;
    }

    /*
     * The kernel's send buffer grows up to megabytes on its own, and frames there are out of our
     * sight: a client that does not read would fill it with many seconds of frames before any
     * waits in our queue. A fixed, small send buffer keeps what it holds to a fraction of a second.
     */
    private static void limitKernelBuffer(WebSocket conn) {
        if (conn instanceof WebSocketImpl
                && ((WebSocketImpl) conn).getChannel() instanceof SocketChannel) {
            try {
                ((SocketChannel) ((WebSocketImpl) conn).getChannel())
                        .setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
            } catch (IOException | RuntimeException e) {
                // Not fatal: the queue's bound still holds.
            }
        }
    }

    // ---------------------------------------------------------------- one client's stream

    /** One client's stream: its own rate, sequence, sample index and schedule. */
    private final class Stream implements Runnable {
        private final WebSocket conn;
        private final Ecg ecg = new Ecg();
        private int rate = DEFAULT_RATE;
        private long seq;
        private long first;
        private long dropped;
        private boolean running;
        private boolean closed;
        /** When the next frame is due (System.nanoTime()), while running. */
        private long nextDue;
        private ScheduledFuture<?> task;

        Stream(WebSocket conn) {
            this.conn = conn;
        }

        private long periodNanos() {
            return Math.max(1, Math.round(frameSize * 1e9 / rate));
        }

        synchronized void start() {
            if (running || closed) {
                return;
            }
            running = true;
            // The frame starting at `first` is due now; the next ones every frame/rate s.
            nextDue = System.nanoTime();
            schedule(0);
        }

        synchronized void stop() {
            running = false;
            cancel();
        }

        synchronized void close() {
            closed = true;
            running = false;
            cancel();
        }

        synchronized void setRate(int newRate) {
            if (newRate == rate) {
                return;
            }
            rate = newRate;
            if (running) {
                // The next frame is still due when the old rate said; the ones after it come
                // at the new rate.
                cancel();
                long delay = nextDue - System.nanoTime();
                schedule(Math.max(0, delay));
            }
        }

        private void schedule(long delayNanos) {
            task = pacer.scheduleAtFixedRate(this, delayNanos, periodNanos(), TimeUnit.NANOSECONDS);
        }

        private void cancel() {
            if (task != null) {
                task.cancel(false);
                task = null;
            }
        }

        @Override
        public void run() {
            // Never let an exception out: it would silently end this client's schedule.
            try {
                String text;
                synchronized (this) {
                    if (!running || closed) {
                        return;
                    }
                    nextDue += periodNanos();
                    int[] samples = new int[frameSize];
                    for (int i = 0; i < frameSize; i++) {
                        samples[i] = ecg.next(rate);
                    }
                    long bound = Math.max(MIN_BOUND_FRAMES, rate / frameSize);
                    if (waiting(conn) >= bound) {
                        dropped++;
                        first += frameSize;
                        return;
                    }
                    text = frame(seq, first, rate, dropped, samples);
                    seq++;
                    first += frameSize;
                    dropped = 0;
                    // Sent under the lock, so that frames leave in seq order.
                    send(conn, text);
                }
            } catch (RuntimeException e) {
                ERR.println("error while streaming: " + oneLine(e));
            }
        }
    }

    static String frame(long seq, long first, int rate, long dropped, int[] samples) {
        StringBuilder json = new StringBuilder(64 + samples.length * 5);
        json.append("{\"seq\":").append(seq)
                .append(",\"first\":").append(first)
                .append(",\"rate\":").append(rate)
                .append(",\"dropped\":").append(dropped)
                .append(",\"samples\":[");
        for (int i = 0; i < samples.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(samples[i]);
        }
        return json.append("]}").toString();
    }

    // ---------------------------------------------------------------- the signal

    /** A made-up ECG lead: P wave, QRS complex and T wave at 72 beats a minute, plus noise. */
    static final class Ecg {
        private static final double BEAT_SECONDS = 60.0 / 72;
        private final SplittableRandom noise = new SplittableRandom();
        /** Where in the beat the next sample is, in seconds. */
        private double phase;

        int next(int rate) {
            double t = phase;
            phase += 1.0 / rate;
            if (phase >= BEAT_SECONDS) {
                phase -= BEAT_SECONDS;
            }
            double mv = 0.15 * bump(t, 0.10, 0.025)      // P
                    - 0.10 * bump(t, 0.20, 0.008)        // Q
                    + 1.20 * bump(t, 0.225, 0.010)       // R
                    - 0.25 * bump(t, 0.25, 0.009)        // S
                    + 0.30 * bump(t, 0.45, 0.040);       // T
            double value = 400 + mv * 450 + noise.nextGaussian() * 4;
            return (int) Math.max(0, Math.min(1023, Math.round(value)));
        }

        private static double bump(double t, double centre, double width) {
            double x = (t - centre) / width;
            return Math.exp(-0.5 * x * x);
        }
    }

    // ---------------------------------------------------------------- console

    private static PrintStream utf8(FileDescriptor fd) {
        return new PrintStream(new FileOutputStream(fd), true, StandardCharsets.UTF_8);
    }

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
        pacer.shutdownNow();
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

        StreamServer server = new StreamServer(
                new InetSocketAddress(address, options.port), options.host, options.frame);
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
        int frame = DEFAULT_FRAME;

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
                    case "--frame":
                        if (value == null) {
                            value = valueAfter(args, ++i, name);
                        }
                        options.frame = parseFrame(value);
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

        private static int parseFrame(String value) throws UsageException {
            if (value.matches("[0-9]{1,4}")) {
                int frame = Integer.parseInt(value);
                if (frame >= 1 && frame <= 1000) {
                    return frame;
                }
            }
            throw new UsageException(
                    "--frame must be a whole number from 1 to 1000, not '" + value + "'");
        }
    }
}
