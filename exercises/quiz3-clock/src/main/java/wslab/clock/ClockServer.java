package wslab.clock;

import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import wslab.plumbing.Launcher;

/** Quiz 3: the echo bot, which also tells every client the time, every interval. */
public class ClockServer extends WebSocketServer {

    private final long intervalMillis;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();

    public ClockServer(InetSocketAddress address, long intervalMillis) {
        super(address);
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void onStart() {
        Launcher.ready(this); // prints LISTENING AT host:port
        // TODO every intervalMillis, call tick(): clock.scheduleAtFixedRate(...)
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

    /** Sends the current time to every connected client. */
    private void tick() {
        // TODO send the time, in ISO-8601, to every connected client
    }

    public static void main(String[] args) {
        Launcher.lesson("quiz3-clock")
                .option("--interval", "MS", "1000", "milliseconds between two ticks")
                .serve(args, options -> new ClockServer(options.address(), options.positiveNumber("--interval")));
    }
}
