package com.beta.lab.stream.pacing;

import com.beta.lab.stream.signal.SyntheticEcg;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * One client's stream: its own start/stop, rate, seq and sample index.
 * All state is guarded by {@code this}; the metronome and the client's commands meet here.
 */
public final class ClientStream {

    public static final int DEFAULT_RATE = 1000;
    /** The fewest frames a client may have waiting before new ones are dropped. */
    private static final int MIN_BACKLOG = 10;

    private final int frame;
    private final SyntheticEcg signal;
    private final Predicate<String> sender;
    private final IntSupplier backlog;

    private boolean running;
    private int rate = DEFAULT_RATE;
    private long seq;
    private long first;
    private long dropped;
    /** The schedule: sample {@code anchorIndex} was due at {@code anchorNanos}. */
    private long anchorIndex;
    private long anchorNanos;

    public ClientStream(int frame, SyntheticEcg signal, Predicate<String> sender, IntSupplier backlog) {
        this.frame = frame;
        this.signal = signal;
        this.sender = sender;
        this.backlog = backlog;
    }

    public synchronized void start(long now) {
        if (running) {
            return;
        }
        running = true;
        anchorIndex = first;
        anchorNanos = now;
        sendDue(now);
    }

    public synchronized void stop() {
        running = false;
    }

    public synchronized void rate(int newRate, long now) {
        if (running) {
            // the next frame keeps the time the old rate gave it; the rest follow at the new rate
            anchorNanos = dueNanos(first);
            anchorIndex = first;
        }
        rate = newRate;
    }

    private long dueNanos(long index) {
        return anchorNanos + Math.round((index - anchorIndex) * 1e9 / rate);
    }

    /** Sends (or drops) every frame whose first sample is due by {@code now}. */
    public synchronized void sendDue(long now) {
        while (running && dueNanos(first) <= now) {
            int[] samples = new int[frame];
            for (int i = 0; i < frame; i++) {
                samples[i] = signal.next(rate);
            }
            long bound = Math.max(MIN_BACKLOG, rate / frame);
            if (backlog.getAsInt() >= bound) {
                dropped++;
            } else if (sender.test(Json.frame(seq, first, rate, dropped, samples))) {
                seq++;
                dropped = 0;
            }
            first += frame;
        }
    }
}
