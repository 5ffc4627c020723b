package com.beta.lab.stream.net;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;

/** How many messages wait in the library's queue for one client (each frame is one message). */
public final class Backlog {

    private Backlog() {
    }

    public static int of(WebSocket socket) {
        return socket instanceof WebSocketImpl impl ? impl.outQueue.size() : 0;
    }
}
