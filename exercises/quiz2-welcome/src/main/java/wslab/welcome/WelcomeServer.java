package wslab.welcome;

import java.net.InetSocketAddress;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import wslab.plumbing.Launcher;

/** Quiz 2: the echo bot, which now greets every new client before anything else. */
public class WelcomeServer extends WebSocketServer {

    public WelcomeServer(InetSocketAddress address) {
        super(address);
    }

    @Override
    public void onStart() {
        Launcher.ready(this); // prints LISTENING AT host:port
    }

    @Override
    public void onOpen(WebSocket client, ClientHandshake handshake) {
        System.out.println("CONNECTED");
        // TODO greet this client, and only this client, with a welcome message of your own
    }

    @Override
    public void onMessage(WebSocket client, String message) {
        System.out.println(message);
        client.send(message);
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
        Launcher.lesson("quiz2-welcome").serve(args, options -> new WelcomeServer(options.address()));
    }
}
