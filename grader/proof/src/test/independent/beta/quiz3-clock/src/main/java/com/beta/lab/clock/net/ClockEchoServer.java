package com.beta.lab.clock.net;

import com.beta.lab.clock.io.Console;
import com.beta.lab.clock.time.ClockTicker;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** The echo server, plus the system time sent to every client every interval. */
public final class ClockEchoServer extends WebSocketServer {

    private final String shownHost;
    private final Console console;
    private final Startup startup;
    private ClockTicker ticker;

    public ClockEchoServer(InetSocketAddress address, String shownHost, Console console, Startup startup) {
        super(address);
        this.shownHost = shownHost;
        this.console = console;
        this.startup = startup;
    }

    /** Must be called before the server starts. */
    public void useTicker(ClockTicker clockTicker) {
        this.ticker = clockTicker;
    }

    @Override
    public void onStart() {
        ticker.start();
        console.line("LISTENING AT " + shownHost + ":" + getPort());
        startup.listening();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        console.line("CONNECTED");
        ticker.subscribe(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        console.line(message);
        Outbox.send(conn, message);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer bytes) {
        // binary frames are ignored
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        ticker.unsubscribe(conn);
        console.line("DISCONNECTED");
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && !startup.failed(ex)) {
            console.error("server error: " + ServerRunner.oneLine(ex));
        }
    }
}
