package com.beta.lab.stream.net;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outcome of binding the server socket. Java-WebSocket binds on its own
 * thread after start(): success arrives through onStart(), failure through
 * onError(null, e). The main thread waits here for one of them.
 */
public final class Startup {

    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    public void listening() {
        outcome.complete(null);
    }

    /** @return true when this failure is the startup failure (not a later error). */
    public boolean failed(Throwable cause) {
        return outcome.completeExceptionally(cause);
    }

    public void await(long seconds) throws Throwable {
        try {
            outcome.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            throw new TimeoutException("the server did not start within " + seconds + " s");
        }
    }
}
