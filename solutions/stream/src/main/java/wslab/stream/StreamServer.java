package wslab.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import wslab.plumbing.Launcher;

/** Lesson 4: a live signal stream. Each client that sends {@code start} gets frames of samples, in real time. */
public class StreamServer extends WebSocketServer {

    /** Frames that may wait to go to one client; past that, its new frames are dropped. */
    static final int MAX_WAITING = 100;
    /** The bytes the operating system may hold for a client (see keepSendBufferSmall). */
    private static final int KERNEL_SEND_BUFFER = 16 * 1024;

    private final int frame;
    /** One timer thread for every client's stream; a cancelled stream leaves its queue at once. */
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    public StreamServer(InetSocketAddress address, int frame) {
        super(address);
        this.frame = frame;
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void onStart() {
        Launcher.ready(this); // prints LISTENING AT host:port
    }

    @Override
    public void onOpen(WebSocket client, ClientHandshake handshake) {
        System.out.println("CONNECTED");
        keepSendBufferSmall(client);
        client.setAttachment(new Stream(client));
    }

    @Override
    public void onMessage(WebSocket client, String message) {
        Stream stream = client.getAttachment();
        // BEGIN SOLUTION
        if (message.equals("start")) {
            stream.start();
        } else if (message.equals("stop")) {
            stream.stop();
        } else if (message.startsWith("rate ")) {
            String value = message.substring("rate ".length());
            int rate = value.matches("[0-9]{1,5}") ? Integer.parseInt(value) : -1;
            if (rate >= 10 && rate <= 10000) {
                stream.setRate(rate);
            } else {
                client.send(error("the rate must be a whole number from 10 to 10000"));
            }
        } else {
            client.send(error("not a command: send start, stop or rate N"));
        }
        // END SOLUTION
        // STUB: // TODO run the command: "start", "stop" or "rate N" (N from 10 to 10000), matched exactly;
        // STUB: // anything else gets one reply, error("what was wrong")
    }

    @Override
    public void onClose(WebSocket client, int code, String reason, boolean remote) {
        System.out.println("DISCONNECTED");
        Stream stream = client.getAttachment();
        // BEGIN SOLUTION
        if (stream != null) {
            stream.stop();
        }
        // END SOLUTION
        // STUB: // TODO a client that leaves ends its stream
    }

    @Override
    public void onError(WebSocket client, Exception error) {
        System.err.println("error: " + error);
    }

    /**
     * Given: the operating system keeps a buffer of its own for the bytes on their way to each client, and
     * lets it grow to megabytes. Kept small, the frames a client does not read soon wait in the library's
     * queue instead ({@code outQueue}), where the server can count them.
     */
    private static void keepSendBufferSmall(WebSocket client) {
        try {
            if (((WebSocketImpl) client).getChannel() instanceof SocketChannel channel) {
                channel.socket().setSendBufferSize(KERNEL_SEND_BUFFER);
            }
        } catch (IOException e) {
            System.err.println("cannot set the send buffer: " + e);
        }
    }

    /** One client's stream: its own numbers, its own rate, its own place on the timer. */
    private final class Stream {
        private final WebSocket client;
        private long seq;              // the number of the next frame sent
        private long first;            // the index of the next frame's first sample
        private int rate = 1000;       // samples a second
        private int dropped;           // frames dropped since the last one sent
        private ScheduledFuture<?> running; // null while stopped

        Stream(WebSocket client) {
            this.client = client;
        }

        synchronized void start() {
            // BEGIN SOLUTION
            if (running == null) {
                // a fixed rate: each frame is due one period after the one before was due, however late
                // that one ran, so the stream never drifts (a sleep between frames would)
                long period = TimeUnit.SECONDS.toNanos(frame) / rate;
                running = timer.scheduleAtFixedRate(this::nextFrame, 0, period, TimeUnit.NANOSECONDS);
            }
            // END SOLUTION
            // STUB: // TODO unless it runs already, call nextFrame() every frame / rate seconds:
            // STUB: // running = timer.scheduleAtFixedRate(...)
        }

        synchronized void stop() {
            // BEGIN SOLUTION
            if (running != null) {
                running.cancel(false);
                running = null;
            }
            // END SOLUTION
            // STUB: // TODO cancel the frames to come, if any
        }

        synchronized void setRate(int rate) {
            this.rate = rate;
            // BEGIN SOLUTION
            if (running != null) {
                stop();
                start();
            }
            // END SOLUTION
            // STUB: // TODO if the stream runs, start it again at the new rate
        }

        /** Makes the next frame's samples, and sends them, or drops them if too many frames wait for this client. */
        private synchronized void nextFrame() {
            // BEGIN SOLUTION
            int[] samples = new int[frame];
            for (int i = 0; i < frame; i++) {
                samples[i] = EcgSignal.at((first + i) / (double) rate);
            }
            // the frames the library holds for a client that does not read, waiting to go out
            int waiting = ((WebSocketImpl) client).outQueue.size();
            if (waiting >= MAX_WAITING) {
                dropped++;
            } else {
                try {
                    client.send(frameText(seq, first, rate, dropped, samples));
                    seq++;
                    dropped = 0;
                } catch (WebsocketNotConnectedException leaving) {
                    stop(); // the client is leaving: onClose comes next
                }
            }
            first += frame;
            // END SOLUTION
            // STUB: // TODO make the frame's samples (EcgSignal.at(seconds)), then send frameText(...) to this client,
            // STUB: // unless MAX_WAITING frames wait for it already (((WebSocketImpl) client).outQueue.size()):
            // STUB: // then drop it and count it; either way, the next frame starts frame samples later
        }
    }

    /** A frame as one JSON object, like {"seq":0,"first":0,"rate":1000,"dropped":0,"samples":[512,514]}. */
    static String frameText(long seq, long first, int rate, int dropped, int[] samples) {
        StringBuilder text = new StringBuilder(32 + samples.length * 5);
        text.append("{\"seq\":").append(seq).append(",\"first\":").append(first).append(",\"rate\":").append(rate)
                .append(",\"dropped\":").append(dropped).append(",\"samples\":[");
        for (int i = 0; i < samples.length; i++) {
            text.append(i == 0 ? "" : ",").append(samples[i]);
        }
        return text.append("]}").toString();
    }

    /** An error reply, like {"error":"not a command"}; {@code what} must hold no quotes or backslashes. */
    static String error(String what) {
        return "{\"error\":\"" + what + "\"}";
    }

    public static void main(String[] args) {
        Launcher.lesson("stream")
                .option("--frame", "N", "50", "samples in a frame, from 1 to 1000")
                .serve(args, options -> new StreamServer(options.address(), options.number("--frame", 1, 1000)));
    }
}
