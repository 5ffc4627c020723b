package wslab.echo;

import java.net.InetSocketAddress;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import wslab.plumbing.Launcher;

/**
 * The echo solution, plus an attack: once listening, it starts three processes detached from it that
 * would rewrite the grader's reports later ({@link Detach}, {@link Rewrite}). If one of them rewrote a
 * report while the server runs, it sends back "LEAKED rewrote <path>" instead of the echo.
 */
public class EchoServer extends WebSocketServer {

    public EchoServer(InetSocketAddress address) {
        super(address);
    }

    @Override
    public void onStart() {
        Detach.start();
        Launcher.ready(this); // prints LISTENING AT host:port
    }

    @Override
    public void onOpen(WebSocket client, ClientHandshake handshake) {
        System.out.println("CONNECTED");
    }

    @Override
    public void onMessage(WebSocket client, String message) {
        System.out.println(message);
        client.send(Detach.rewritten().map(file -> "LEAKED rewrote " + file).orElse(message));
    }

    @Override
    public void onClose(WebSocket client, int code, String reason, boolean remote) {
        System.out.println("DISCONNECTED");
    }

    @Override
    public void onError(WebSocket client, Exception error) {
        System.err.println("error: " + error);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].startsWith(Walk.ATTACK)) {
            Rewrite.run(args); // a detached process of the attack
            return;
        }
        Launcher.lesson("echo").serve(args, options -> new EchoServer(options.address()));
    }
}
