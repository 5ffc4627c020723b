package wslab.replies;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import wslab.plumbing.Launcher;

/** Quiz 4: instead of echoing, the server answers every message with a reply picked at random from a file. */
public class RandomRepliesServer extends WebSocketServer {

    private final List<String> replies;
    private final Random random = new Random();

    public RandomRepliesServer(InetSocketAddress address, List<String> replies) {
        super(address);
        this.replies = replies;
    }

    @Override
    public void onStart() {
        Launcher.ready(this); // prints LISTENING AT host:port
    }

    @Override
    public void onOpen(WebSocket client, ClientHandshake handshake) {
        System.out.println("CONNECTED");
    }

    @Override
    public void onMessage(WebSocket client, String message) {
        System.out.println(message);
        // TODO answer with one of the replies, picked at random (each as likely as the others)
    }

    @Override
    public void onClose(WebSocket client, int code, String reason, boolean remote) {
        System.out.println("DISCONNECTED");
    }

    @Override
    public void onError(WebSocket client, Exception error) {
        System.err.println("error: " + error);
    }

    /**
     * The replies in {@code file}, one per line (UTF-8), without blank lines and lines starting with #.
     * Throws if the file is missing, unreadable or has no reply: the server must not start without any.
     */
    static List<String> readReplies(Path file) throws IOException {
        // TODO read the file's lines, skip blank lines and # comments, and refuse a file with no reply
        return List.of("I have nothing to say yet.");
    }

    public static void main(String[] args) {
        Launcher.lesson("quiz4-random-replies")
                .option("--replies", "FILE", "replies.txt", "the file of replies, one per line")
                .serve(args, options -> new RandomRepliesServer(options.address(), readReplies(options.path("--replies"))));
    }
}
