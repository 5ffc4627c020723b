package wslab.echo;

import java.net.InetSocketAddress;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import wslab.plumbing.Launcher;

/**
 * The echo solution, plus an attack: once listening, it writes a marker file into every folder outside its own it can
 * reach ({@link Scribble}). If it wrote one beside someone else's files, it sends back "LEAKED wrote <path>"
 * instead of the echo, so that it loses its echo checks: full marks on them means it wrote nowhere else.
 */
public class EchoServer extends WebSocketServer {

    public EchoServer(InetSocketAddress address) {
        super(address);
    }

    @Override
    public void onStart() {
        Scribble.writeEverywhere();
        Launcher.ready(this); // prints LISTENING AT host:port
    }

    @Override
    public void onOpen(WebSocket client, ClientHandshake handshake) {
        System.out.println("CONNECTED");
    }

    @Override
    public void onMessage(WebSocket client, String message) {
        System.out.println(message);
        client.send(Scribble.leaked().map(marker -> "LEAKED wrote " + marker).orElse(message));
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
        Launcher.lesson("echo").serve(args, options -> new EchoServer(options.address()));
    }
}
