package com.beta.lab.echo.net;

import com.beta.lab.echo.io.Console;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** Prints like the receiver and sends every text message back to its sender. */
public final class EchoServer extends WebSocketServer {

    private final String shownHost;
    private final Console console;
    private final Startup startup;

    public EchoServer(InetSocketAddress address, String shownHost, Console console, Startup startup) {
        super(address);
        this.shownHost = shownHost;
        this.console = console;
        this.startup = startup;
    }

    @Override
    public void onStart() {
        console.line("LISTENING AT " + shownHost + ":" + getPort());
        startup.listening();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        console.line("CONNECTED");
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        console.line(message);
        Outbox.send(conn, message);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer bytes) {
        // text only in this lab: binary frames are ignored
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
