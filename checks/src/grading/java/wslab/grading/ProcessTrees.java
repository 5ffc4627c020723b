package wslab.grading;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends processes with all they started in turn: a lesson's server, the browser and its driver, the grader
 * the Gradescope autograder starts, the graders the proof suite starts. Run as a program, it is the watch that ends the browser's driver and browser once the JVM that
 * started them is gone, even killed without its shutdown hooks (SIGKILL), which a driver does not notice.
 */
public final class ProcessTrees {

    private ProcessTrees() {
    }

    /**
     * Ends every process in {@code roots} and every process below them at once (SIGKILL), then waits, at most
     * {@code limit}, until they are gone; whether they are.
     */
    public static boolean end(Collection<ProcessHandle> roots, Duration limit) {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle root : roots) {
            all.addAll(root.descendants().toList()); // before the root ends, while they are still below it
            all.add(root);
        }
        all.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + limit.toNanos();
        List<ProcessHandle> left = all;
        while (!(left = left.stream().filter(p -> p.isAlive() && !zombie(p)).toList()).isEmpty()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            try { // until one of them ends; a zombie never does, so look again every 50 ms at most
                CompletableFuture.anyOf(left.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                        .get(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                // look again
            }
        }
        return true;
    }

    /**
     * Asks {@code root} and every process below it to stop (SIGTERM), waits at most {@code grace} for it to end,
     * then ends what is left at once ({@link #end}, waiting at most {@code limit}); whether all are gone.
     */
    public static boolean stop(ProcessHandle root, Duration grace, Duration limit) {
        List<ProcessHandle> below = root.descendants().toList();
        below.forEach(ProcessHandle::destroy);
        root.destroy();
        try {
            root.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // ended at once below
        }
        List<ProcessHandle> all = new ArrayList<>(below);
        all.add(root);
        return end(all, limit);
    }

    /**
     * Whether a process has ended and only waits to be reaped (Linux's state Z): Chromium's processes, once
     * their driver is gone, are left to a first process that may reap them seconds later; they write nothing.
     */
    private static boolean zombie(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // no /proc (not Linux), or gone already
        }
    }

    /**
     * Starts the watch that ends {@code watched} and what they started once this JVM is gone, and then deletes
     * {@code folders} (theirs: a browser's profile); it ends by itself when they are gone first. Only a JVM: it
     * runs on the JDK alone, from where this class was loaded.
     */
    public static void endWithThisJvm(List<ProcessHandle> watched, List<Path> folders) {
        if (watched.isEmpty()) {
            return;
        }
        Optional<Path> classes = ownClasses();
        if (classes.isEmpty()) {
            return; // loaded from nowhere a JVM can be pointed at: the shutdown hooks must do
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-cp", classes.get().toString(), ProcessTrees.class.getName(), String.valueOf(ProcessHandle.current().pid())));
        watched.forEach(p -> command.add(String.valueOf(p.pid())));
        if (!folders.isEmpty()) {
            command.add(FOLDERS);
            folders.forEach(f -> command.add(f.toAbsolutePath().toString()));
        }
        try {
            Process watch = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            watch.getOutputStream().close();
        } catch (IOException e) {
            // without the watch, only a JVM killed with SIGKILL leaves the browser behind
        }
    }

    private static Optional<Path> ownClasses() {
        try {
            return Optional.ofNullable(ProcessTrees.class.getProtectionDomain().getCodeSource())
                    .map(source -> source.getLocation()).map(url -> {
                        try {
                            return Path.of(url.toURI());
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            return null;
                        }
                    });
        } catch (SecurityException e) {
            return Optional.empty();
        }
    }

    /** Between the watched processes and the folders in the watch's arguments. */
    private static final String FOLDERS = "--then-delete";

    /**
     * {@code PARENT PID... [--then-delete FOLDER...]}: waits until the process PARENT is gone, then ends the
     * processes PID and all below them, and deletes the FOLDERs; or ends by itself once those are gone first.
     */
    public static void main(String[] args) {
        CompletableFuture<?> parentGone = ProcessHandle.of(Long.parseLong(args[0])).map(p -> (CompletableFuture<?>) p.onExit())
                .orElseGet(() -> CompletableFuture.completedFuture(null));
        List<ProcessHandle> watched = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(FOLDERS)) {
                for (i++; i < args.length; i++) {
                    folders.add(Path.of(args[i]));
                }
            } else {
                ProcessHandle.of(Long.parseLong(args[i])).ifPresent(watched::add);
            }
        }
        CompletableFuture<Void> watchedGone = CompletableFuture.allOf(
                watched.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
        CompletableFuture.anyOf(parentGone, watchedGone).join();
        if (!watchedGone.isDone()) {
            end(watched, Duration.ofSeconds(10));
            folders.forEach(FolderTrees::delete);
        }
    }
}
