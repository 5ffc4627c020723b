package wslab.checks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import wslab.grading.FolderTrees;
import wslab.grading.ProcessTrees;

/**
 * What the checks leave behind if they are stopped in the middle (Ctrl-C, SIGTERM): the servers still running
 * and the checks' folders. A shutdown hook ends the servers, then deletes the folders they worked in.
 */
final class Leftovers {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Set<Path> FOLDERS = ConcurrentHashMap.newKeySet();

    /** Loaded now: a grader's shutdown hooks may run after its working folder, which holds these classes, is deleted. */
    private static final Class<?> TREES = ProcessTrees.class;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ProcessTrees.end(RUNNING.stream().map(Process::toHandle).toList(), Duration.ofSeconds(5));
            FOLDERS.forEach(FolderTrees::delete);
        }, "stop-lesson-servers"));
    }

    private Leftovers() {
    }

    /** Ends {@code process} and its descendants when this JVM ends, if it still runs then. */
    static void endAtExit(Process process) {
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
    }

    /** Deletes {@code dir} when this JVM ends, at the latest; deleting it before ({@link #delete}) is fine. */
    static Path deleteAtExit(Path dir) {
        FOLDERS.add(dir);
        return dir;
    }

    /** Deletes {@code dir} now, and forgets it. */
    static void delete(Path dir) {
        FOLDERS.remove(dir);
        FolderTrees.delete(dir);
    }
}
