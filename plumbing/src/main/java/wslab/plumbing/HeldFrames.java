package wslab.plumbing;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.server.WebSocketServer;

/**
 * Plumbing: works around a race in Java-WebSocket 1.6.0, where a frame sent from a thread other than
 * the selector can wait in the connection's queue until the next write on that connection.
 * A connection being closed (a close frame queued, or its channel to be closed once the queue is empty)
 * is swept too: its client would otherwise wait for a close that never comes.
 *
 * <p>The selector drains a connection's queue and then sets its interest back to reading; a send
 * that lands between the two leaves a frame queued with no write pending. Every 20 milliseconds (a
 * delay nobody sees, and rare enough that an idle server stays idle) this asks the selector to write
 * for any open connection whose queue is not empty.
 */
final class HeldFrames {

    private static final long SWEEP_MILLIS = 20;

    private HeldFrames() {
    }

    static void release(WebSocketServer server) {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "held-frames");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> sweep(server), SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void sweep(WebSocketServer server) {
        for (WebSocket connection : server.getConnections()) {
            try {
                if (connection instanceof WebSocketImpl impl && !impl.isClosed()
                        && (!impl.outQueue.isEmpty() || impl.isFlushAndClose())) {
                    server.onWriteDemand(connection);
                }
            } catch (RuntimeException e) {
                // the connection is closing under us; the next sweep no longer sees it
            }
        }
    }
}
