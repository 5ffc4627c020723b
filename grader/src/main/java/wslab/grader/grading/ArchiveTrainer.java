package wslab.grader.grading;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The short run the lesson servers' class-data archive is made from ({@link ServerJars}): an echo server started
 * as a lesson's is (through the kit's ParentWatch, its {@code --port} read with the same command-line library, its
 * ready line printed by the kit's Launcher), which takes one connection of its own and one text message, echoes
 * it, and ends: status 0 when the echo came back, 1 otherwise, within 10 s. It runs from the servers' plumbing
 * jar, where the grader puts it, so that the classes it loads are those the lessons' servers load.
 */
public final class ArchiveTrainer extends WebSocketServer {

    private static final long LIMIT_SECONDS = 5;

    ArchiveTrainer(InetSocketAddress address) {
        super(address);
    }

    @Override
    public void onStart() {
        try { // the grader is not compiled against the plumbing, which the jar holds beside this class
            Class.forName("wslab.plumbing.Launcher").getMethod("ready", WebSocketServer.class).invoke(null, this);
        } catch (ReflectiveOperationException e) {
            System.exit(1);
        }
        Thread client = new Thread(this::talkAndEnd, "archive-trainer-client");
        client.setDaemon(true);
        client.start();
    }

    @Override
    public void onOpen(WebSocket client, ClientHandshake handshake) {
        // nothing to say first
    }

    @Override
    public void onMessage(WebSocket client, String message) {
        client.send(message);
    }

    @Override
    public void onClose(WebSocket client, int code, String reason, boolean remote) {
        // the run ends with its client
    }

    @Override
    public void onError(WebSocket client, Exception error) {
        // the echo does not come back: the run ends with status 1
    }

    /** Connects, sends a message, waits for its echo, closes, and ends the JVM (which then writes the archive). */
    private void talkAndEnd() {
        int status = 1;
        try {
            Echo echo = new Echo(URI.create("ws://127.0.0.1:" + getPort()));
            if (echo.connectBlocking(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                echo.send("hello, archive");
                if (echo.echoed.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    status = 0;
                }
                echo.closeBlocking();
            }
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(status);
    }

    /** The trainer's own client: it counts the echo down. */
    static final class Echo extends WebSocketClient {

        final CountDownLatch echoed = new CountDownLatch(1);

        Echo(URI uri) {
            super(uri);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            // the trainer sends the message
        }

        @Override
        public void onMessage(String message) {
            echoed.countDown();
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            // nothing more to wait for
        }

        @Override
        public void onError(Exception error) {
            // the echo does not come back: the run ends with status 1
        }
    }

    /** {@code --port N}: where it listens, on 127.0.0.1. */
    public static void main(String[] args) throws ParseException {
        Options options = new Options();
        options.addOption(Option.builder().longOpt("port").hasArg().get());
        int port = Integer.parseInt(DefaultParser.builder().get().parse(options, args).getOptionValue("port", "0"));
        ArchiveTrainer server = new ArchiveTrainer(new InetSocketAddress("127.0.0.1", port));
        server.setReuseAddr(true);
        server.start();
    }
}
