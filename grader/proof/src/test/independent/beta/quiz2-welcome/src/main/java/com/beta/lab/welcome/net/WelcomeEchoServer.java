package com.beta.lab.welcome.net;

import com.beta.lab.welcome.io.Console;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** The echo server, greeting each new client (and only that client) first. */
public final class WelcomeEchoServer extends WebSocketServer {

    private final String shownHost;
    private final Console console;
    private final Startup startup;
    private final Greeting greeting;

    public WelcomeEchoServer(InetSocketAddress address, String shownHost, Console console,
                             Startup startup, Greeting greeting) {
        super(address);
        this.shownHost = shownHost;
        this.console = console;
        this.startup = startup;
        this.greeting = greeting;
    }

    @Override
    public void onStart() {
        console.line("LISTENING AT " + shownHost + ":" + getPort());
        startup.listening();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        // first thing on this connection; its messages are handled after onOpen returns
        Outbox.send(conn, greeting.text());
        console.line("CONNECTED");
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
        console.line("DISCONNECTED");
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && !startup.failed(ex)) {
            console.error("server error: " + ServerRunner.oneLine(ex));
        }
    }
}
