package com.beta.lab.replies.net;

import com.beta.lab.replies.book.ReplyBook;
import com.beta.lab.replies.io.Console;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** Answers every text message with a reply picked at random from the book. */
public final class RandomReplyServer extends WebSocketServer {

    private final String shownHost;
    private final Console console;
    private final Startup startup;
    private final ReplyBook book;

    public RandomReplyServer(InetSocketAddress address, String shownHost, Console console,
                             Startup startup, ReplyBook book) {
        super(address);
        this.shownHost = shownHost;
        this.console = console;
        this.startup = startup;
        this.book = book;
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
        Outbox.send(conn, book.pick());
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer bytes) {
        // only text messages get a reply
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
