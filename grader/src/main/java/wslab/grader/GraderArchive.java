package wslab.grader;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import wslab.grading.ServerArchive;
import wslab.grading.ServerJdk;

/**
 * The class-data archive a grader's JVM starts from when the kit starts that JVM itself (the Gradescope
 * autograder, {@link GraderJvm#command}): an AppCDS dynamic archive on JDK 17-24, an AOT cache on 25 and newer,
 * as {@link ServerArchive} makes for the servers. The first such JVM writes it when it ends, under a name of its
 * own, and {@link #settle} moves it into place; every later one starts from it, loading Selenium, Jackson and
 * the JUnit Platform from it instead of from their jars.
 *
 * <p>It lives in the user's cache ({@link Folders#cache()}, folder {@code grader}), named by a hash of the class
 * path's jars (path, size, time) and the JDK: a rebuilt jar or another JDK gets an archive of its own. The newest
 * three archives used are kept (each is some 40 MB), and not one that no grader has used for 30 days. None is made for a class path with
 * a folder on it (a JVM writes no dynamic archive then), nor when {@code -Dwslab.archive=off}. Never an error: the
 * JVM starts without one.
 */
public final class GraderArchive {

    private static final int KEPT = 3;
    private static final Duration UNUSED = Duration.ofDays(30);

    private final Path file;
    private final Path partial;
    private final ServerJdk jdk;

    private GraderArchive(Path file, ServerJdk jdk) {
        this.file = file;
        this.jdk = jdk;
        this.partial = file.resolveSibling("partial-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-"
                + file.getFileName());
    }

    /** The archive of a grader JVM on this JDK with {@code classPath}, if it can have one. */
    public static Optional<GraderArchive> of(String classPath) {
        if (ServerArchive.off()) {
            return Optional.empty();
        }
        List<Path> jars = Stream.of(classPath.split(File.pathSeparator)).filter(e -> !e.isEmpty()).map(Path::of).toList();
        if (jars.isEmpty() || !jars.stream().allMatch(j -> Files.isRegularFile(j) && j.toString().endsWith(".jar"))) {
            return Optional.empty();
        }
        try {
            ServerJdk jdk = ServerJdk.running();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path jar : jars) {
                digest.update((jar.toAbsolutePath() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            digest.update((jdk.home() + " " + jdk.version()).getBytes(StandardCharsets.UTF_8));
            Path folder = Files.createDirectories(Folders.cache().resolve("grader"));
            String name = HexFormat.of().formatHex(digest.digest()).substring(0, 24) + "-"
                    + ServerArchive.fileName(jdk).replace("server", "grader");
            return Optional.of(new GraderArchive(folder.resolve(name), jdk));
        } catch (IOException | UncheckedIOException | SecurityException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /** Whether the archive is there: the JVM starts from it. */
    public boolean ready() {
        return Files.isRegularFile(file);
    }

    /** The JVM's options: start from the archive when it is there, else write it when the JVM ends. */
    public List<String> options() {
        if (ready()) {
            try {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } catch (IOException e) {
                // used all the same
            }
            List<String> options = new ArrayList<>(ServerArchive.useOptions(jdk, file));
            options.add("-D" + GraderJvm.STARTED + "=" + GraderJvm.Start.ARCHIVE);
            return options;
        }
        List<String> options = new ArrayList<>(ServerArchive.makeOptions(jdk, partial));
        options.add("-D" + GraderJvm.STARTED + "=" + GraderJvm.Start.MAKING);
        return options;
    }

    /** After the JVM ended with {@code exitValue}: the archive it wrote moved into place (only after a whole run). */
    public void settle(int exitValue) {
        try {
            if (exitValue == 0 && Files.isRegularFile(partial) && Files.size(partial) > 0 && !ready()) {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(partial);
            clean(file.getParent(), Instant.now());
        } catch (IOException e) {
            // the next run tries again
        }
    }

    /** Deletes the archives beyond the {@value #KEPT} used last, those unused for 30 days, and partial ones a day old. */
    static void clean(Path folder, Instant now) throws IOException {
        List<Path> archives = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Instant used = Files.getLastModifiedTime(file).toInstant();
                if (file.getFileName().toString().startsWith("partial-")) {
                    if (used.isBefore(now.minus(Duration.ofDays(1)))) {
                        Files.deleteIfExists(file);
                    }
                } else {
                    archives.add(file);
                }
            }
        }
        archives.sort(Comparator.comparing(GraderArchive::used).reversed());
        for (int i = 0; i < archives.size(); i++) {
            if (i >= KEPT || used(archives.get(i)).isBefore(now.minus(UNUSED))) {
                Files.deleteIfExists(archives.get(i));
            }
        }
    }

    private static Instant used(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
