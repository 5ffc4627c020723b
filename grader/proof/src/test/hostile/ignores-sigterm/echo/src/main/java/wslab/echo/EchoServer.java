package wslab.echo;

import java.net.InetSocketAddress;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import wslab.plumbing.Launcher;

/**
 * The echo solution, plus an attack: once listening, it will not stop on SIGTERM or Ctrl-C ({@link Deaf}).
 */
public class EchoServer extends WebSocketServer {

    public EchoServer(InetSocketAddress address) {
        super(address);
    }

    @Override
    public void onStart() {
        Deaf.ignoreStops();
        Launcher.ready(this); // prints LISTENING AT host:port
    }

    @Override
    public void onOpen(WebSocket client, ClientHandshake handshake) {
        System.out.println("CONNECTED");
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
        Launcher.lesson("echo").serve(args, options -> new EchoServer(options.address()));
    }
}
