package wslab.simon;

import java.net.InetSocketAddress;
import java.util.Random;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import wslab.plumbing.Launcher;

/**
 * Lesson 3: Simon says an increasingly long number. Each connection plays its own game: the server
 * says a number, the player sends it back, and the next number is one digit longer.
 */
public class SimonServer extends WebSocketServer {

    private final Random random = new Random();

    public SimonServer(InetSocketAddress address) {
        super(address);
    }

    @Override
    public void onStart() {
        Launcher.ready(this); // prints LISTENING AT host:port
    }

    @Override
    public void onOpen(WebSocket client, ClientHandshake handshake) {
        System.out.println("CONNECTED");
        say(client, 1);
    }

    @Override
    public void onMessage(WebSocket client, String message) {
        // TODO compare the answer (white space around it ignored) with the number this client was given:
        //      right: say a number one digit longer; wrong: send GAME OVER, then start again at 1 digit
    }

    @Override
    public void onClose(WebSocket client, int code, String reason, boolean remote) {
        System.out.println("DISCONNECTED");
    }

    @Override
    public void onError(WebSocket client, Exception error) {
        System.err.println("error: " + error);
    }

    /** Gives this client a new number of {@code digits} digits, and remembers it on the connection. */
    private void say(WebSocket client, int digits) {
        String number = randomNumber(digits);
        client.setAttachment(number);
        client.send("Simon Says: " + number);
    }

    /** A random number with exactly {@code digits} digits, as text: a long would overflow at 19. */
    private String randomNumber(int digits) {
        // TODO build a number of exactly `digits` digits, one random digit at a time (no leading zero)
        return "1";
    }

    public static void main(String[] args) {
        Launcher.lesson("simon").serve(args, options -> new SimonServer(options.address()));
    }
}
