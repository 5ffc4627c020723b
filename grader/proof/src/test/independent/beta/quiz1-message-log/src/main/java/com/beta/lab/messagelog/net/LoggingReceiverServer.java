package com.beta.lab.messagelog.net;

import com.beta.lab.messagelog.io.Console;
import com.beta.lab.messagelog.log.MessageLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** The receiver, plus every text message appended to the log before it is printed. */
public final class LoggingReceiverServer extends WebSocketServer {

    private final String shownHost;
    private final Console console;
    private final Startup startup;
    private final MessageLog log;

    public LoggingReceiverServer(InetSocketAddress address, String shownHost, Console console,
                                 Startup startup, MessageLog log) {
        super(address);
        this.shownHost = shownHost;
        this.console = console;
        this.startup = startup;
        this.log = log;
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
        try {
            log.append(message);
        } catch (IOException e) {
            console.error("could not write to " + log.path() + ": " + MessageLog.reason(e));
        }
        console.line(message);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer bytes) {
        // only text messages are logged
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
