package com.beta.lab.simon.net;

import com.beta.lab.simon.game.DigitSource;
import com.beta.lab.simon.game.SimonGame;
import com.beta.lab.simon.io.Console;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** "Simon says an increasingly long number": one game per connection. */
public final class SimonServer extends WebSocketServer {

    private final String shownHost;
    private final Console console;
    private final Startup startup;
    private final DigitSource digits = new DigitSource();

    public SimonServer(InetSocketAddress address, String shownHost, Console console, Startup startup) {
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
        SimonGame game = new SimonGame(digits);
        conn.setAttachment(game);
        Outbox.send(conn, game.prompt());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        console.line(message);
        SimonGame game = conn.getAttachment();
        if (game == null) {
            return;
        }
        if (!game.answer(message)) {
            Outbox.send(conn, SimonGame.GAME_OVER);
            game.restart();
        }
        Outbox.send(conn, game.prompt());
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer bytes) {
        // not an answer; ignored
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        conn.setAttachment(null);
        console.line("DISCONNECTED");
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && !startup.failed(ex)) {
            console.error("server error: " + ServerRunner.oneLine(ex));
        }
    }
}
