package wslab.plumbing;

import java.net.InetSocketAddress;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** An echo server on the launcher, as a lesson would write it (it echoes "twice: ..." twice): what the plumbing's tests start. */
public class SmallEchoServer extends WebSocketServer {

    public SmallEchoServer(InetSocketAddress address) {
        super(address);
    }

    @Override
    public void onStart() {
        Launcher.ready(this);
    }

    @Override
    public void onOpen(WebSocket client, ClientHandshake handshake) {
        System.out.println("CONNECTED");
    }

    @Override
    public void onMessage(WebSocket client, String message) {
        System.out.println(message);
        client.send(message);
        if (message.startsWith("twice: ")) {
            client.send(message); // a second frame right behind the first, as Simon's GAME OVER and new number
        }
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
        Launcher.lesson("small-echo").serve(args, options -> new SmallEchoServer(options.address()));
    }
}
