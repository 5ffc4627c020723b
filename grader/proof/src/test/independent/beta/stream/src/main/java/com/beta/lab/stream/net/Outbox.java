package com.beta.lab.stream.net;

import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/** Sending that never throws because the peer has just gone away. */
public final class Outbox {

    private Outbox() {
    }

    public static boolean send(WebSocket conn, String text) {
        if (conn == null || !conn.isOpen()) {
            return false;
        }
        try {
            conn.send(text);
            return true;
        } catch (WebsocketNotConnectedException gone) {
            return false;
        }
    }
}
