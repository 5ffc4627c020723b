package wslab.echo;

/**
 * The attack: a server that will not stop. SIGTERM and SIGINT are caught and ignored, and should the JVM
 * begin to shut down all the same, a shutdown hook holds it up (for 120 s at most).
 */
final class Deaf {

    private Deaf() {
    }

    static void ignoreStops() {
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> System.out.println("ignoring SIG" + signal.getName()));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("shutting down? not for 120 s");
            try {
                new java.util.concurrent.CountDownLatch(1).await(120, java.util.concurrent.TimeUnit.SECONDS); // held, bounded: nothing releases it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hold-up"));
    }
}
