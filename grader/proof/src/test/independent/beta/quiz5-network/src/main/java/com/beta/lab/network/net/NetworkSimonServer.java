package com.beta.lab.network.net;

import com.beta.lab.network.game.SimonRound;
import com.beta.lab.network.io.Console;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** The Simon game, announced with the addresses other computers can use. */
public final class NetworkSimonServer extends WebSocketServer {

    private static final String GAME_OVER = "GAME OVER";

    private final String shownHost;
    private final Console console;
    private final Startup startup;
    private final Map<WebSocket, SimonRound> games = new ConcurrentHashMap<>();

    public NetworkSimonServer(InetSocketAddress address, String shownHost, Console console, Startup startup) {
        super(address);
        this.shownHost = shownHost;
        this.console = console;
        this.startup = startup;
    }

    @Override
    public void onStart() {
        int port = getPort();
        console.line("LISTENING AT " + shownHost + ":" + port);
        for (String address : LanAddresses.ipv4()) {
            console.line("Connect from another computer: ws://" + address + ":" + port + "/");
        }
        startup.listening();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        console.line("CONNECTED");
        SimonRound round = new SimonRound();
        games.put(conn, round);
        Outbox.send(conn, round.says());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        console.line(message);
        SimonRound round = games.get(conn);
        if (round == null) {
            return;
        }
        if (!round.check(message)) {
            Outbox.send(conn, GAME_OVER);
            round.reset();
        }
        Outbox.send(conn, round.says());
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer bytes) {
        // not an answer; ignored
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        games.remove(conn);
        console.line("DISCONNECTED");
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && !startup.failed(ex)) {
            console.error("server error: " + ServerRunner.oneLine(ex));
        }
    }
}
