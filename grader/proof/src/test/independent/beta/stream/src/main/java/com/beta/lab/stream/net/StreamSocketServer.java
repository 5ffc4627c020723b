package com.beta.lab.stream.net;

import com.beta.lab.stream.io.Console;
import com.beta.lab.stream.pacing.ClientStream;
import com.beta.lab.stream.pacing.Command;
import com.beta.lab.stream.pacing.Metronome;
import com.beta.lab.stream.signal.SyntheticEcg;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** Takes the clients' commands and hands each client's stream to the metronome. */
public final class StreamSocketServer extends WebSocketServer {

    private final String shownHost;
    private final int frame;
    private final Metronome metronome;
    private final Console console;
    private final Startup startup;

    public StreamSocketServer(InetSocketAddress address, String shownHost, int frame, Metronome metronome,
                              Console console, Startup startup) {
        super(address);
        this.shownHost = shownHost;
        this.frame = frame;
        this.metronome = metronome;
        this.console = console;
        this.startup = startup;
        setWebSocketFactory(new SmallSendBuffers());
    }

    @Override
    public void onStart() {
        metronome.start();
        console.line("LISTENING AT " + shownHost + ":" + getPort());
        startup.listening();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        ClientStream stream = new ClientStream(frame, new SyntheticEcg(),
                text -> Outbox.send(conn, text), () -> Backlog.of(conn));
        conn.setAttachment(stream);
        metronome.add(stream);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        ClientStream stream = conn.getAttachment();
        if (stream == null) {
            return;
        }
        Command command = Command.parse(message);
        switch (command.kind()) {
            case START -> stream.start(System.nanoTime());
            case STOP -> stream.stop();
            case RATE -> stream.rate(command.rate(), System.nanoTime());
            case INVALID -> Outbox.send(conn, command.errorJson());
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer bytes) {
        // binary frames are not commands: ignored
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        ClientStream stream = conn.getAttachment();
        if (stream != null) {
            stream.stop();
            metronome.remove(stream);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && !startup.failed(ex)) {
            console.error("server error: " + ServerRunner.oneLine(ex));
        }
    }
}
