package wslab.checks.harness;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A WebSocket client for the checks. While it waits for a message it pings the server now and then:
 * Java-WebSocket 1.6.0 servers can hold a sent frame back until the next write on the connection,
 * and a ping's pong is such a write, so a correct server is never failed for that race.
 */
public final class Client implements AutoCloseable {

    /**
     * How long a handshake may take. A correct server answers at once; a busy machine, grading a class, was
     * seen to keep a server it had just started from answering its first one for more than 5 s.
     */
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(10);
    private static final long PING_EVERY_MILLIS = 250;

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Socket socket;
    private volatile boolean pings = true;
    private volatile int closeCode;
    private final java.util.concurrent.Semaphore pongs = new java.util.concurrent.Semaphore(0);
    private Predicate<String> ignored = message -> false;

    private Client(URI uri) {
        this.socket = new Socket(uri);
    }

    /**
     * Opens a connection, waiting at most 10 s for the handshake, then (at most 10 s more) for the pong of a ping:
     * the connection is then open on the server's side too. Java-WebSocket 1.6.0 answers the handshake before it
     * registers the connection and calls onOpen, on another thread; a check that went on sooner could send, or
     * close, before the server knew of this client (a broadcast would miss it, a close would never reach onClose).
     */
    public static Client connect(URI uri) {
        Client client = new Client(uri);
        boolean open;
        try {
            open = client.socket.connectBlocking(CONNECT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open = false;
        }
        if (!open) {
            client.socket.close();
            throw Report.of("the server accepts WebSocket connections")
                    .sent("a WebSocket handshake to " + uri)
                    .got("no open connection within " + CONNECT_LIMIT.toSeconds() + " s")
                    .error();
        }
        client.roundTrip(CONNECT_LIMIT);
        return client;
    }

    /**
     * Pings and waits, at most {@code limit}, for the pong; whether it came. Once it has, the server has
     * opened this connection on its side too: Java-WebSocket answers a ping only after it has called onOpen.
     */
    public boolean roundTrip(Duration limit) {
        pongs.drainPermits();
        try {
            socket.sendPing();
            return pongs.tryAcquire(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (WebsocketNotConnectedException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Never pings: shows whether replies arrive on their own, as they must for a browser. */
    public Client quiet() {
        pings = false;
        socket.setConnectionLostTimeout(0);
        return this;
    }

    /** Messages that {@link #next} skips (a clock's ticks, say). */
    public Client ignoring(Predicate<String> messages) {
        this.ignored = messages;
        return this;
    }

    public void send(String text) {
        socket.send(text);
    }

    public void sendBinary(byte[] data) {
        socket.send(data);
    }

    /** The next text message that is not ignored, waiting at most {@code limit}. */
    public Optional<String> next(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                String text = texts.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(PING_EVERY_MILLIS)),
                        TimeUnit.NANOSECONDS);
                if (text != null && !ignored.test(text)) {
                    return Optional.of(text);
                }
                if (text == null && closed.getCount() == 0) {
                    return Optional.empty(); // closed: nothing more will come
                }
                if (text == null && pings && socket.isOpen()) {
                    socket.sendPing();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** What {@link #next} found when it found nothing: no message within {@code limit}, or a closed connection. */
    public String nothing(Duration limit) {
        return closed.getCount() == 0 ? "nothing: the connection was closed (close code " + closeCode + ")"
                : "nothing within " + limit.toSeconds() + " s";
    }

    /** Forgets the messages received so far: what comes next was sent after this. */
    public void drain() {
        texts.clear();
    }

    /** Every message that is not ignored and arrives within {@code limit} (for "nothing arrives" checks). */
    public List<String> collect(Duration limit) {
        List<String> all = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).ifPresent(all::add);
        }
        return all;
    }

    public boolean isOpen() {
        return socket.isOpen();
    }

    /** Waits until the server closes this connection; its close code, or empty if it stays open. */
    public Optional<Integer> awaitClosed(Duration limit) {
        try {
            return closed.await(limit.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(closeCode) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Leaves without a closing handshake, as a browser tab that crashed or a cable pulled out. */
    public void drop() {
        try {
            if (socket.getSocket() != null) {
                socket.getSocket().close();
            }
        } catch (IOException e) {
            // already gone
        }
        socket.close();
    }

    /**
     * Closes politely: sends a close frame and waits, at most 10 s, for the server's, then drops the connection.
     * Not less: a connection dropped while the server, loaded, has yet to read the close frame it was sent is
     * ended by the library without the closing handshake (onClosing) the server was told of.
     *
     * <p>The close frame is sent as a plain frame, not with the library's own close: that one marks the connection
     * closing at once, and the client's reading thread, back from any frame it was handling (the pong of
     * {@link #connect}, say), then stops reading and hangs up right behind the close frame, before the server
     * has read it. Sent as a frame, the client keeps reading until the server's close frame comes back.
     */
    @Override
    public void close() {
        try {
            socket.sendFrame(new CloseFrame());
        } catch (WebsocketNotConnectedException e) {
            // closed already, or never open: nothing to say goodbye to
        }
        if (awaitClosed(Duration.ofSeconds(10)).isEmpty()) {
            drop();
        }
    }

    private final class Socket extends WebSocketClient {
        Socket(URI uri) {
            super(uri);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
            texts.add(message);
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
        }

        @Override
        public void onWebsocketPong(org.java_websocket.WebSocket connection, org.java_websocket.framing.Framedata pong) {
            pongs.release();
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closeCode = code;
            closed.countDown();
        }

        @Override
        public void onError(Exception ex) {
        }
    }
}
