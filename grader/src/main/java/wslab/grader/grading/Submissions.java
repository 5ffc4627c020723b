package wslab.grader.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import wslab.grader.Kit;

/**
 * Finds the submissions to grade: one folder, or a class folder where every sub-folder and every
 * {@code .zip} is one student. Zips are unpacked safely: nothing lands outside the student's folder, no
 * link is made, and the bytes and files written are bounded whatever the zip's headers claim.
 */
public final class Submissions {

    /** What a student's zip may unpack to, at most. */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    static final int MAX_FILES = 5_000;
    private static final int MAX_DEPTH = 3;

    /** One student's submission: their id, their lessons folder, or why it cannot be graded. */
    public record Submission(String id, Path lessons, String problem) {

        static Submission refused(String id, String problem) {
            return new Submission(id, null, problem);
        }
    }

    private Submissions() {
    }

    /**
     * The students in {@code classFolder}, sorted by id: every sub-folder (its name is the id) and every
     * {@code .zip} (its name without {@code .zip}), unpacked under {@code unpackTo}. A folder and a zip of
     * the same name: the folder is graded, the zip is reported.
     */
    public static List<Submission> inClass(Path classFolder, Path unpackTo) throws IOException {
        if (!Files.isDirectory(classFolder)) {
            throw new IOException("no folder " + classFolder);
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(classFolder)) {
            entries = list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        List<Submission> students = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (Files.isDirectory(entry)) {
                ids.add(name);
                students.add(new Submission(name, lessonsFolder(entry), null));
            }
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (!Files.isRegularFile(entry) || !name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                continue;
            }
            String id = name.substring(0, name.length() - 4);
            if (ids.contains(id)) {
                System.err.println("warning: both " + id + "/ and " + name + " are in " + classFolder
                        + "; grading the folder");
                continue;
            }
            ids.add(id);
            Path into = unpackTo.resolve(id);
            try {
                unzip(entry, into);
                students.add(new Submission(id, lessonsFolder(into), null));
            } catch (IOException | UncheckedIOException e) {
                students.add(Submission.refused(id, "the zip " + name + " was not unpacked: " + e.getMessage()));
            }
        }
        students.sort(Comparator.comparing(Submission::id));
        if (students.isEmpty()) {
            throw new IOException("no student in " + classFolder + " (expected a folder or a .zip per student)");
        }
        return students;
    }

    /**
     * The folder that holds the lessons: a repository's {@code exercises/}, a folder with lesson folders in
     * it, or such a folder found below (as zips and uploads often wrap it); {@code given} itself if none is.
     */
    public static Path lessonsFolder(Path given) {
        return findLessons(given, Kit.LESSONS).orElse(given.toAbsolutePath().normalize());
    }

    /**
     * The first folder, breadth first and by name, from {@code given} down to three folders below it, that
     * holds a folder of one of {@code lessons}, directly or in its {@code exercises/}; empty if none does.
     * Hidden folders and {@code __MACOSX} are skipped.
     */
    public static Optional<Path> findLessons(Path given, List<String> lessons) {
        List<Path> level = List.of(given.toAbsolutePath().normalize());
        for (int depth = 0; depth <= MAX_DEPTH && !level.isEmpty(); depth++) {
            for (Path candidate : level) {
                for (Path folder : List.of(candidate.resolve("exercises"), candidate)) {
                    if (lessons.stream().anyMatch(lesson -> Files.isDirectory(folder.resolve(lesson)))) {
                        return Optional.of(folder);
                    }
                }
            }
            List<Path> next = new ArrayList<>();
            level.forEach(folder -> next.addAll(subfolders(folder)));
            level = next;
        }
        return Optional.empty();
    }

    private static List<Path> subfolders(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().equals("__MACOSX"))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Unpacks {@code zip} into {@code into}, refusing, with a one-line reason, what could do harm. */
    public static void unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        Path root = into.toRealPath();
        long written = 0;
        int files = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root) || Path.of(entry.getName()).isAbsolute()) {
                    throw new IOException("an entry points outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                if (++files > MAX_FILES) {
                    throw new IOException("more than " + MAX_FILES + " files");
                }
                Files.createDirectories(target.getParent());
                if (!target.getParent().toRealPath().startsWith(root)) {
                    throw new IOException("an entry points outside its folder: " + entry.getName());
                }
                try (InputStream in = file.getInputStream(entry);
                     OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        written += n;
                        if (written > MAX_BYTES) {
                            throw new IOException("it unpacks to more than " + MAX_BYTES / (1024 * 1024) + " MiB");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw new IOException("not a readable zip (" + e.getMessage() + ")");
        }
    }
}
