package wslab.messagelog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
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
        // BEGIN SOLUTION
        append(OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\t" + escape(message));
        // END SOLUTION
        // STUB: // TODO append "<time>\t<message>" to logFile, the time as ISO-8601 with its zone offset
    }

    @Override
    public void onClose(WebSocket client, int code, String reason, boolean remote) {
        System.out.println("DISCONNECTED");
    }

    @Override
    public void onError(WebSocket client, Exception error) {
        System.err.println("error: " + error);
    }

    // BEGIN SOLUTION
    /** One message, one line: backslash, line feed and carriage return are written as \\, \n and \r. */
    static String escape(String message) {
        return message.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    /**
     * Adds one line at the end of the log. Synchronized: messages from two clients are handled on two
     * threads, and their lines must not mix. Each write reaches the operating system before the next
     * message is handled, so a crash loses nothing already received.
     */
    private synchronized void append(String line) {
        try {
            Files.writeString(logFile, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + logFile, e);
        }
    }
    // END SOLUTION

    public static void main(String[] args) {
        Launcher.lesson("quiz1-message-log")
                .option("--log", "FILE", "messages.log", "the file every message is appended to")
                .serve(args, options -> new MessageLogServer(options.address(), options.path("--log")));
    }
}
