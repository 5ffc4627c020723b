package wslab.network;

import java.net.InetSocketAddress;
import java.util.Random;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import wslab.plumbing.Launcher;

/**
 * Quiz 5: the Simon game, open to other computers on the network. It listens on every network
 * interface and prints the addresses a second computer can connect to.
 */
public class NetworkSimonServer extends WebSocketServer {

    private final Random random = new Random();

    public NetworkSimonServer(InetSocketAddress address) {
        super(address);
    }

    @Override
    public void onStart() {
        Launcher.ready(this); // prints LISTENING AT host:port
        // TODO print "Connect from another computer: ws://<address>:<port>/" for each address of this computer
    }

    @Override
    public void onOpen(WebSocket client, ClientHandshake handshake) {
        System.out.println("CONNECTED from " + client.getRemoteSocketAddress().getAddress().getHostAddress());
        say(client, 1);
    }

    @Override
    public void onMessage(WebSocket client, String message) {
        String number = client.getAttachment();
        if (message.strip().equals(number)) {
            say(client, number.length() + 1);
        } else {
            client.send("GAME OVER");
            say(client, 1);
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

    /** Gives this client a new number of {@code digits} digits, and remembers it on the connection. */
    private void say(WebSocket client, int digits) {
        StringBuilder number = new StringBuilder().append(1 + random.nextInt(9));
        while (number.length() < digits) {
            number.append(random.nextInt(10));
        }
        client.setAttachment(number.toString());
        client.send("Simon Says: " + number);
    }

    public static void main(String[] args) {
        Launcher.lesson("quiz5-network")
                // TODO listen on every network interface unless --host says otherwise: .defaultHost(...)
                .serve(args, options -> new NetworkSimonServer(options.address()));
    }
}
