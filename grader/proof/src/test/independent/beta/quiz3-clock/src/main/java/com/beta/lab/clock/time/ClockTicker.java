package com.beta.lab.clock.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.java_websocket.WebSocket;

/**
 * Sends the time to every subscriber, every interval. Subscribers come and go
 * at any time (ConcurrentHashMap); a tick never throws, so the schedule never
 * dies because one client has just left.
 */
public final class ClockTicker {

    private final Duration interval;
    private final IsoClock clock;
    private final BiConsumer<WebSocket, String> sender;
    private final Map<WebSocket, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "clock-ticker");
        t.setDaemon(true);
        return t;
    });

    public ClockTicker(Duration interval, IsoClock clock, BiConsumer<WebSocket, String> sender) {
        this.interval = interval;
        this.clock = clock;
        this.sender = sender;
    }

    public void start() {
        long ms = interval.toMillis();
        scheduler.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Adds a client and sends it the time at once, so it does not wait for the next tick. */
    public void subscribe(WebSocket socket) {
        subscribers.put(socket, new Subscriber(socket, Instant.now()));
        safeSend(socket, clock.now());
    }

    public void unsubscribe(WebSocket socket) {
        subscribers.remove(socket);
    }

    private void tick() {
        String now = clock.now();
        for (Subscriber s : subscribers.values()) {
            safeSend(s.socket(), now);
        }
    }

    private void safeSend(WebSocket socket, String text) {
        try {
            sender.accept(socket, text);
        } catch (RuntimeException e) {
            // that client is going away; the others still get their tick
        }
    }

    public void stop() {
        scheduler.shutdownNow();
    }
}
