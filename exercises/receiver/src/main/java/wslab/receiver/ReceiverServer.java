package wslab.receiver;

import java.net.InetSocketAddress;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import wslab.plumbing.Launcher;

/** Lesson 1: a server that prints what happens on its connections: who comes, what they say, who leaves. */
public class ReceiverServer extends WebSocketServer {

    public ReceiverServer(InetSocketAddress address) {
        super(address);
    }

    @Override
    public void onStart() {
        Launcher.ready(this); // prints LISTENING AT host:port
    }

    @Override
    public void onOpen(WebSocket client, ClientHandshake handshake) {
        // TODO print CONNECTED
    }

    @Override
    public void onMessage(WebSocket client, String message) {
        // TODO print the message, exactly as it came
    }

    @Override
    public void onClose(WebSocket client, int code, String reason, boolean remote) {
        // TODO print DISCONNECTED
    }

    @Override
    public void onError(WebSocket client, Exception error) {
        System.err.println("error: " + error);
    }

    public static void main(String[] args) {
        Launcher.lesson("receiver").serve(args, options -> new ReceiverServer(options.address()));
    }
}
