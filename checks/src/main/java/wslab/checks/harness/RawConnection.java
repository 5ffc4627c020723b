package wslab.checks.harness;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket connection written by hand, byte for byte, for what a well-behaved client never sends:
 * invalid UTF-8, reserved opcodes, huge frames, a connection dropped without a goodbye.
 */
public final class RawConnection implements AutoCloseable {

    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private final Socket socket;
    private final OutputStream out;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Connects and completes the opening handshake (at most 5 s). */
    public static RawConnection open(URI uri) {
        RawConnection connection = request(uri);
        connection.awaitHandshake(uri);
        return connection;
    }

    /**
     * Opens {@code count} connections side by side: every handshake is sent before the first answer is read,
     * so the server's answers overlap instead of following one another. On a failure, those opened are closed.
     */
    public static List<RawConnection> openAll(URI uri, int count) {
        List<RawConnection> connections = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                connections.add(request(uri));
            }
            for (RawConnection connection : connections) {
                connection.awaitHandshake(uri);
            }
            return connections;
        } catch (RuntimeException e) {
            connections.forEach(RawConnection::close);
            throw e;
        }
    }

    /**
     * Connects with a receive buffer of about {@code receiveBuffer} bytes (set before connecting, so that the
     * window the connection offers stays that small), and completes the opening handshake: a client that reads
     * slowly, or not at all, fills its small buffer soon, and then the server's writes to it wait.
     */
    public static RawConnection openWithReceiveBuffer(URI uri, int receiveBuffer) {
        RawConnection connection = request(uri, receiveBuffer);
        connection.awaitHandshake(uri);
        return connection;
    }

    private static RawConnection request(URI uri) {
        return request(uri, 0);
    }

    /** Connects (at most 5 s) and sends the opening handshake, without waiting for the answer. */
    private static RawConnection request(URI uri, int receiveBuffer) {
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(5000);
            RawConnection connection = new RawConnection(socket);
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            connection.sendBytes(("GET / HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return connection;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot open a WebSocket connection to " + uri, e);
        } catch (UncheckedIOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot open a WebSocket connection to " + uri, e.getCause());
        }
    }

    /** Reads the answer to the opening handshake (at most 5 s); a refusal closes the connection. */
    private void awaitHandshake(URI uri) {
        try {
            String response = readHead(socket.getInputStream());
            if (!response.startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused: " + response.lines().findFirst().orElse(""));
            }
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot open a WebSocket connection to " + uri, e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to free
        }
    }

    /** Sends one masked frame with FIN set. */
    public void sendFrame(int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            long length = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        frame.writeBytes(masked);
        sendBytes(frame.toByteArray());
    }

    /** A polite goodbye: a close frame with status 1000. */
    public void sendClose() {
        sendFrame(CLOSE, new byte[] {0x03, (byte) 0xE8});
    }

    public void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits up to {@code limit} for the server to end this connection: reads its frames, skipping all but
     * a close frame, until a close frame comes or the server closes the TCP connection. Says which, or
     * is empty if the connection stayed open and no close frame came.
     */
    public Optional<String> awaitClose(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            Frame frame = nextFrame(deadline);
            while (frame.opcode() != CLOSE) {
                frame = nextFrame(deadline);
            }
            byte[] payload = frame.start();
            if (payload.length < 2) {
                return Optional.of("a close frame without a status");
            }
            int status = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
            String reason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
            return Optional.of("a close frame with status " + status + (reason.isEmpty() ? "" : " " + Report.show(reason)));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (EOFException e) {
            return Optional.of("the connection closed, without a close frame");
        } catch (IOException e) {
            return Optional.of("the connection closed (" + e.getMessage() + "), without a close frame");
        }
    }

    /**
     * Sends a ping and waits up to {@code limit} for its pong, skipping the frames before it: whether it came.
     * The library answers a ping only after the server's {@code onOpen} has run, so a connection closed after
     * its pong is closed after it was opened, in the server's eyes too; one dropped sooner may be opened after
     * it is closed, and the library then keeps it forever.
     */
    public boolean ping(Duration limit) {
        sendPing();
        return awaitPong(limit);
    }

    /** Sends an empty ping; {@link #awaitPong} waits for its answer. */
    public void sendPing() {
        sendFrame(PING, new byte[0]);
    }

    /** Waits up to {@code limit} for a pong, skipping the frames before it: whether it came. */
    public boolean awaitPong(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                int opcode = nextFrame(deadline).opcode();
                if (opcode == PONG) {
                    return true;
                }
                if (opcode == CLOSE) {
                    return false;
                }
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The next text message the server sent, waiting at most {@code limit}, other frames skipped: its first 125
     * bytes, as text; empty if none came, or the connection closed.
     */
    public Optional<String> nextTextStart(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                Frame frame = nextFrame(deadline);
                if (frame.opcode() == TEXT) {
                    return Optional.of(new String(frame.start(), StandardCharsets.UTF_8));
                }
                if (frame.opcode() == CLOSE) {
                    return Optional.empty();
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A frame the server sent: its opcode, and the first 125 bytes of its payload (the rest is read and dropped). */
    private record Frame(int opcode, byte[] start) {
    }

    private Frame nextFrame(long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        int first = read(socket, in, deadline);
        int second = read(socket, in, deadline);
        long length = second & 0x7F;
        if (length >= 126) {
            int bytes = length == 126 ? 2 : 8;
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | read(socket, in, deadline);
            }
        }
        byte[] mask = new byte[4];
        if ((second & 0x80) != 0) {
            for (int i = 0; i < 4; i++) {
                mask[i] = (byte) read(socket, in, deadline);
            }
        }
        byte[] start = new byte[(int) Math.min(length, 125)];
        for (long i = 0; i < length; i++) {
            int b = read(socket, in, deadline);
            if (i < start.length) {
                start[(int) i] = (byte) (b ^ mask[(int) (i & 3)]);
            }
        }
        return new Frame(first & 0x0F, start);
    }

    /**
     * Waits up to {@code limit} for the server to answer on {@code socket}, on which something that is
     * not a WebSocket handshake was sent: the first line of its answer, or that it closed the connection;
     * empty if it stayed open and silent.
     */
    public static Optional<String> awaitAnswer(Socket socket, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            for (int b = read(socket, in, deadline); b != '\r' && b != '\n' && line.size() < 200; b = read(socket, in, deadline)) {
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            if (line.size() == 0) {
                return Optional.empty();
            }
        } catch (IOException e) {
            if (line.size() == 0) {
                return Optional.of("the connection closed, without an answer");
            }
        }
        return Optional.of(Report.show(line.toString(StandardCharsets.ISO_8859_1)));
    }

    /** One byte, waiting until {@code deadline} at most; the end of the stream is an {@link EOFException}. */
    private static int read(Socket socket, InputStream in, long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException();
        }
        socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    /** Closes the TCP connection at once, with no closing handshake. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
