package com.beta.lab.stream.pacing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One clock for every client: it ticks every millisecond and asks each stream to send the frames
 * that are due by now. When a frame is due is worked out from System.nanoTime() and the stream's
 * sample index, never from the time between ticks, so a late tick does not shift the schedule.
 */
public final class Metronome {

    private static final long TICK_MICROS = 1000;

    private final Set<ClientStream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "metronome");
        t.setDaemon(true);
        return t;
    });

    public void start() {
        clock.scheduleAtFixedRate(this::tick, TICK_MICROS, TICK_MICROS, TimeUnit.MICROSECONDS);
    }

    public void add(ClientStream stream) {
        streams.add(stream);
    }

    public void remove(ClientStream stream) {
        streams.remove(stream);
    }

    private void tick() {
        long now = System.nanoTime();
        for (ClientStream stream : streams) {
            try {
                stream.sendDue(now);
            } catch (RuntimeException e) {
                // one client's trouble must not end the clock for the others
            }
        }
    }

    public void stop() {
        clock.shutdownNow();
    }
}
