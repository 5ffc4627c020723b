package wslab.messagelog;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import wslab.plumbing.Launcher;

/**
 * Quiz 1: the receiver, and a log file that keeps every message: one line per message, the time it
 * arrived, a tab, then the message.
 */
public class MessageLogServer extends WebSocketServer {

    private final Path logFile;

    public MessageLogServer(InetSocketAddress address, Path logFile) {
        super(address);
        this.logFile = logFile;
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
        // TODO append "<time>\t<message>" to logFile, the time as ISO-8601 with its zone offset
    }

    @Override
    public void onClose(WebSocket client, int code, String reason, boolean remote) {
        System.out.println("DISCONNECTED");
    }

    @Override
    public void onError(WebSocket client, Exception error) {
        System.err.println("error: " + error);
    }

    public static void main(String[] args) {
        Launcher.lesson("quiz1-message-log")
                .option("--log", "FILE", "messages.log", "the file every message is appended to")
                .serve(args, options -> new MessageLogServer(options.address(), options.path("--log")));
    }
}
