package com.beta.lab.receiver.net;

import com.beta.lab.receiver.io.Console;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** Prints what happens: CONNECTED, each text message, DISCONNECTED. */
public final class ReceiverServer extends WebSocketServer {

    private final String shownHost;
    private final Console console;
    private final Startup startup;

    public ReceiverServer(InetSocketAddress address, String shownHost, Console console, Startup startup) {
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
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer bytes) {
        // binary frames are not part of this lesson: ignored
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
        // an error on one connection only closes that connection (the library does it)
    }
}
