package wslab.grader.grading;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import wslab.grader.Folders;
import wslab.grading.ServerArchive;
import wslab.grading.ServerJdk;

/**
 * The lesson servers' class path as jars that stay put, and the class-data archive their JVMs start with
 * ({@link ServerArchive}): the kit's plumbing in a jar of its own (with the {@link ArchiveTrainer}), the libraries'
 * jars beside it, all in a folder of the user's cache ({@code $XDG_CACHE_HOME/wslab} or {@code ~/.cache/wslab})
 * named by a hash of the jars' contents and of the JDK. The archive is made there once, by one trainer run, and
 * each lesson's compiled classes are put after those jars on its server's class path.
 *
 * <p>Two graders may start at once: the folder is written under a name of its own and moved into place whole,
 * and the archive likewise, so a file under its final name is always complete. Nothing here is an error: when
 * the folder cannot be written the servers run from the plumbing and libraries where they are, and when the
 * trainer fails they start without an archive.
 *
 * <p>The cache cleans itself: each grader marks the folder it uses as used now, and deletes the folders no grader
 * has used for {@link #UNUSED_DAYS} days (those of an older kit or a JDK since updated), and partial ones an hour old.
 */
final class ServerJars {

    private static final String PLUMBING_JAR = "0-plumbing.jar";
    private static final long TRAINER_LIMIT_SECONDS = 30;
    /** Days after which a folder no grader has used is deleted. */
    static final int UNUSED_DAYS = 30;

    /** The servers' class path (lesson classes are appended to it) and the archive file, if the folder is theirs. */
    record Use(String classPath, Optional<Path> archive) {
    }

    private ServerJars() {
    }

    /**
     * The jars and archive for the plumbing classes in {@code plumbing} and the {@code libraries} (a class path of
     * jars), made now if they are not in the cache yet; {@code jdk}: the servers' JDK, {@code java}: their java
     * command and options.
     */
    static Use of(Path plumbing, String libraries, ServerJdk jdk, List<String> java) {
        return of(plumbing, libraries, jdk, java, cache());
    }

    /** As {@link #of(Path, String, ServerJdk, List)}, with the folders of jars and archives in {@code cache}. */
    static Use of(Path plumbing, String libraries, ServerJdk jdk, List<String> java, Path cache) {
        Use asTheyAre = new Use(plumbing + File.pathSeparator + libraries, Optional.empty());
        if (ServerArchive.off()) {
            return asTheyAre;
        }
        try {
            List<Path> jars = Stream.of(libraries.split(File.pathSeparator)).filter(e -> !e.isEmpty()).map(Path::of).toList();
            if (!jars.stream().allMatch(j -> Files.isRegularFile(j) && j.toString().endsWith(".jar"))) {
                return asTheyAre;
            }
            byte[] plumbingJar = jar(plumbing);
            Path folder = cache.resolve("servers").resolve(hash(plumbingJar, jars, jdk));
            if (!Files.isDirectory(folder)) {
                write(folder, plumbingJar, jars);
            }
            List<String> classPath = new ArrayList<>();
            classPath.add(folder.resolve(PLUMBING_JAR).toString());
            for (int i = 0; i < jars.size(); i++) {
                classPath.add(folder.resolve(libraryName(i, jars.get(i))).toString());
            }
            Use use = new Use(String.join(File.pathSeparator, classPath), Optional.of(folder.resolve(ServerArchive.fileName(jdk))));
            if (!Files.isRegularFile(use.archive().get())) {
                train(use, jdk, java);
            }
            Files.setLastModifiedTime(folder, FileTime.from(Instant.now()));
            clean(folder.getParent(), Instant.now());
            return use;
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return asTheyAre;
        }
    }

    /**
     * Deletes the folders in {@code servers} that no grader has used for {@link #UNUSED_DAYS} days before {@code now},
     * and the partial ones (written under a name of their own, not moved into place) an hour old. Quietly does
     * what it can: another grader may be deleting the same.
     */
    static void clean(Path servers, Instant now) {
        try (Stream<Path> folders = Files.list(servers)) {
            for (Path folder : folders.toList()) {
                Instant used = Files.getLastModifiedTime(folder).toInstant();
                boolean partial = folder.getFileName().toString().contains(".partial-");
                if (used.isBefore(now.minus(partial ? Duration.ofHours(1) : Duration.ofDays(UNUSED_DAYS)))) {
                    Folders.delete(folder);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // left for the next grader
        }
    }

    /** The user's cache folder for the kit. */
    static Path cache() {
        return Folders.cache();
    }

    /** The plumbing's classes and the trainer's, as a jar whose bytes depend on their contents only. */
    private static byte[] jar(Path plumbing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes); Stream<Path> walk = Files.walk(plumbing)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                add(out, plumbing.relativize(file).toString().replace(File.separatorChar, '/'), Files.readAllBytes(file));
            }
            for (Class<?> type : ArchiveTrainer.class.getNestMembers()) {
                String name = type.getName().replace('.', '/') + ".class";
                try (InputStream in = ArchiveTrainer.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("no " + name);
                    }
                    add(out, name, in.readAllBytes());
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void add(ZipOutputStream out, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0); // the same classes make the same jar
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }

    /** What the folder is named by: the jars' contents (their entries) and the JDK the servers run with. */
    private static String hash(byte[] plumbingJar, List<Path> jars, ServerJdk jdk) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(plumbingJar);
            for (Path jar : jars) {
                digest.update(jar.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                addEntries(digest, jar);
            }
            digest.update((jdk.home() + " " + jdk.version())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds each entry's name and content, in the order of their names: not the jar's bytes, which hold the time
     * each entry was written (the grader writes its libraries' jar anew on each run).
     */
    private static void addEntries(MessageDigest digest, Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> entries = zip.stream().filter(e -> !e.isDirectory())
                    .sorted(java.util.Comparator.comparing(ZipEntry::getName)).toList();
            for (ZipEntry entry : entries) {
                digest.update(entry.getName().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = zip.getInputStream(entry)) {
                    digest.update(in.readAllBytes());
                }
            }
        }
    }

    private static String libraryName(int index, Path jar) {
        return (index + 1) + "-" + jar.getFileName();
    }

    /** Writes the jars into a folder of this call's own, then moves it to {@code folder} whole (unless another did). */
    private static void write(Path folder, byte[] plumbingJar, List<Path> jars) throws IOException {
        Files.createDirectories(folder.getParent());
        Path partial = Files.createTempDirectory(folder.getParent(), folder.getFileName() + ".partial-");
        try {
            Files.write(partial.resolve(PLUMBING_JAR), plumbingJar);
            for (int i = 0; i < jars.size(); i++) {
                Files.copy(jars.get(i), partial.resolve(libraryName(i, jars.get(i))));
            }
            readableByAll(partial);
            try (Stream<Path> files = Files.list(partial)) {
                for (Path file : files.toList()) {
                    readableByAll(file);
                }
            }
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(folder)) {
                throw e;
            } // else another grader moved its own into place first: the same files
        } finally {
            Folders.delete(partial);
        }
    }

    /**
     * Runs the trainer with the servers' options and the archive's, and moves the archive it wrote into place;
     * quietly none when it fails or takes too long (the servers then start without one).
     */
    private static void train(Use use, ServerJdk jdk, List<String> java) throws IOException {
        Path archive = use.archive().get();
        String name = archive.getFileName().toString();
        Path partial = archive.resolveSibling("partial-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + name);
        List<String> command = new ArrayList<>(java);
        command.addAll(ServerArchive.makeOptions(jdk, partial));
        command.addAll(List.of("-Dwslab.parent.pid=" + ProcessHandle.current().pid(), "-cp", use.classPath(),
                "wslab.plumbing.ParentWatch", ArchiveTrainer.class.getName(), "--port", "0"));
        Process trainer = new ProcessBuilder(command).directory(archive.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
        try {
            trainer.getOutputStream().close();
            boolean ended = trainer.waitFor(TRAINER_LIMIT_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                trainer.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } else if (trainer.exitValue() == 0 && Files.size(partial) > 0) {
                readableByAll(partial);
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (InterruptedException e) {
            trainer.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Readable by every user: a server in the sandbox may run as a user of its own. */
    private static void readableByAll(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (IOException | UnsupportedOperationException e) {
            // as the file system has it
        }
    }
}
