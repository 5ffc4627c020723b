package com.beta.lab.stream.net;

import com.beta.lab.stream.io.Console;
import java.net.BindException;
import org.java_websocket.server.WebSocketServer;

/** Starts a server, waits until it listens (or fails) and stops it on SIGTERM / Ctrl-C. */
public final class ServerRunner {

    private static final int STOP_TIMEOUT_MS = 1500;

    private ServerRunner() {
    }

    /**
     * @param cleanup run after the server stopped during shutdown (may be null)
     */
    public static void run(WebSocketServer server, Startup startup, String host, int port,
                           Console console, Runnable cleanup) {
        server.setReuseAddr(true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop(STOP_TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // stopping anyway; nothing useful to report
            }
            if (cleanup != null) {
                cleanup.run();
            }
        }, "shutdown"));

        Thread serverThread = new Thread(server, "websocket-server");
        serverThread.setUncaughtExceptionHandler((t, e) -> {
            if (!startup.failed(e)) {
                console.error("server stopped: " + oneLine(e));
            }
        });
        serverThread.start();

        try {
            startup.await(60);
        } catch (Throwable e) {
            console.error(describeFailure(host, port, e));
            System.exit(1);
        }
    }

    static String describeFailure(String host, int port, Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof BindException && why.toLowerCase().contains("in use")) {
            return "error: port " + port + " is already in use (cannot listen on " + host + ":" + port + ")";
        }
        return "error: cannot listen on " + host + ":" + port + " (port " + port + "): " + oneLine(e);
    }

    public static String oneLine(Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return why.replace('\n', ' ').replace('\r', ' ');
    }
}
