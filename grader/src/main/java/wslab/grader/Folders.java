package wslab.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The grader's folder chores: copying a lesson folder, hashing one, removing temporary ones. */
public final class Folders {

    /** The temporary folders still in use, deleted by a shutdown hook if the grader is stopped (Ctrl-C). */
    private static final Set<Path> TEMPORARY = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Folders::deleteAtExit, "delete-temporary-folders"));
    }

    /**
     * Deletes the temporary folders still in use, and again if they come back: until the other hooks have ended
     * the servers and the browser, a lesson still compiling or a check still running writes into them (and makes
     * them again). Done once they stayed gone for 1.5 s, or after 5 s.
     */
    private static void deleteAtExit() {
        List<Path> folders = List.copyOf(TEMPORARY);
        if (folders.isEmpty()) {
            return; // a run that ended by itself deleted its own: nothing to wait for
        }
        long quiet = java.time.Duration.ofMillis(1500).toNanos();
        long[] goneSince = {System.nanoTime()};
        folders.forEach(Folders::delete);
        try {
            org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(5))
                    .pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
                        if (folders.stream().anyMatch(Files::exists)) {
                            folders.forEach(Folders::delete);
                            goneSince[0] = System.nanoTime();
                        }
                        return System.nanoTime() - goneSince[0] >= quiet;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // still made again after 5 s: what is left is harmless
        }
    }

    private Folders() {
    }

    /** A new temporary folder, deleted by {@link #delete} or, at the latest, when the JVM stops. */
    public static Path temporary(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        TEMPORARY.add(dir);
        return dir;
    }

    /** Deletes {@code dir} and all it holds; a folder left behind is harmless, so failures are ignored. */
    public static void delete(Path dir) {
        TEMPORARY.remove(dir);
        wslab.grading.FolderTrees.delete(dir);
    }

    /**
     * SHA-256 of the files below {@code folder} that {@code which} takes: each one's path in the folder
     * and its content, in the order of their paths. The same files give the same hash on any computer.
     */
    public static String sha256(Path folder, Predicate<Path> which) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(folder)) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    for (Path file : walk.filter(p -> Files.isRegularFile(p) && which.test(p)).sorted().toList()) {
                        digest.update(folder.relativize(file).toString().replace('\\', '/')
                                .getBytes(StandardCharsets.UTF_8));
                        digest.update(Files.readAllBytes(file));
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the folder {@code from} into {@code to}, leaving out a build's {@code target} folder. */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.toList()) {
                if (from.relativize(file).toString().startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
    }

    /** The user's cache folder for the kit: {@code $XDG_CACHE_HOME/wslab}, or {@code ~/.cache/wslab}. */
    public static Path cache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return root.resolve("wslab");
    }
}
