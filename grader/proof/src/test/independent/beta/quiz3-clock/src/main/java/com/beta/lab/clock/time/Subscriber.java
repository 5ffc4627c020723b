package com.beta.lab.clock.time;

import java.time.Instant;
import org.java_websocket.WebSocket;

/** A connected client that receives the ticks. */
public record Subscriber(WebSocket socket, Instant joined) {
}
