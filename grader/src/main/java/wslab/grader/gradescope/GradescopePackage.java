package wslab.grader.gradescope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import wslab.grader.Kit;
import wslab.grader.kit.SolutionMarkers;

/**
 * Builds the Gradescope autograder package: a zip with {@code setup.sh} and {@code run_autograder} at its
 * root, the grader jar, and the kit files the grader reads as files (the pages, the plumbing, the shared
 * check support with its registration, what the grader and the checks share, and each lesson's checks).
 * Never the solutions, and never the grader's test fixtures.
 */
@Command(name = "gradescope-package", mixinStandardHelpOptions = true,
        description = "Builds the zip to upload as a Gradescope programming assignment's autograder.")
public final class GradescopePackage implements Callable<Integer> {

    /** Where the grader jar goes in the package (and so in /autograder/source). */
    public static final String JAR = "wslab-grader.jar";
    /** One fixed time for every entry: the same kit makes the same zip. */
    private static final FileTime ENTRY_TIME = FileTime.fromMillis(315_532_800_000L + 86_400_000L * 31);
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    @Option(names = "--out", paramLabel = "FILE.zip",
            description = "the package to write (default: grader/jar/target/gradescope/wslab-autograder.zip in the kit)")
    Path out;

    @Option(names = "--jar", paramLabel = "PATH",
            description = "the grader jar to pack (default: the jar this runs from, else grader/jar/target/" + JAR + ")")
    Path jar;

    @Option(names = "--lessons", paramLabel = "IDS", defaultValue = "all",
            description = "the lessons the autograder grades, e.g. receiver,echo (default: ${DEFAULT-VALUE}); "
                    + "WSLAB_LESSONS overrides it on Gradescope")
    String lessons;

    public static void main(String[] args) {
        System.exit(wslab.grader.CommandLines.execute(new GradescopePackage(), args));
    }

    @Override
    public Integer call() throws IOException {
        Kit kit = Kit.current();
        String chosen = chosenLessons();
        Path graderJar = graderJar(kit);
        Path zip = (out != null ? out : kit.root().resolve("grader/jar/target/gradescope/wslab-autograder.zip"))
                .toAbsolutePath().normalize();
        Map<String, Path> kitFiles = kitFiles(kit);
        Files.createDirectories(zip.getParent());
        Path partial = Files.createTempFile(zip.getParent(), "wslab-autograder", ".partial");
        Files.delete(partial);
        try {
            try (FileSystem packed = FileSystems.newFileSystem(partial,
                    Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
                add(packed, "setup.sh", resource("setup.sh"), EXECUTABLE);
                add(packed, "run_autograder", resource("run_autograder"), EXECUTABLE);
                add(packed, Autograder.SETTINGS, settings(chosen), READABLE);
                add(packed, JAR, Files.readAllBytes(graderJar), READABLE);
                for (Map.Entry<String, Path> file : kitFiles.entrySet()) {
                    add(packed, file.getKey(), Files.readAllBytes(file.getValue()), READABLE);
                }
            }
            Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        System.out.printf("wrote %s (%d kit files, lessons: %s, %.1f MB)%n", zip, kitFiles.size(), chosen,
                Files.size(zip) / 1e6);
        System.out.println("upload it as the autograder of a Gradescope programming assignment (see README.md, \"Gradescope\")");
        return 0;
    }

    private String chosenLessons() {
        if (lessons.isBlank() || lessons.strip().equals("all")) {
            return "all";
        }
        try {
            return String.join(",", wslab.grader.Lesson.choose(lessons));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    /** The kit files the grader reads, by their path in the package (the kit's own layout). */
    static Map<String, Path> kitFiles(Kit kit) throws IOException {
        List<String> folders = new ArrayList<>(List.of("web", "plumbing/src/main/java", "checks/src/main/java",
                "checks/src/main/resources", "checks/src/grading/java"));
        for (String lesson : Kit.LESSONS) {
            folders.add("exercises/" + lesson + "/src/test/java");
        }
        Map<String, Path> files = new TreeMap<>();
        for (String folder : folders) {
            Path from = kit.root().resolve(folder);
            if (!Files.isDirectory(from)) {
                throw new IllegalStateException("the kit at " + kit.root() + " has no " + folder + "/");
            }
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String name = kit.root().relativize(file).toString().replace('\\', '/');
                    if (Stream.of(name.split("/")).anyMatch(part -> part.startsWith(".") || part.equals("target"))) {
                        continue;
                    }
                    refuseSolutions(name, Files.readString(file, StandardCharsets.ISO_8859_1));
                    files.put(name, file);
                }
            }
        }
        return files;
    }

    /** A file holding a solution marker must never be packed. */
    private static void refuseSolutions(String name, String text) {
        SolutionMarkers.markerIn(text).ifPresent(marker -> {
            throw new IllegalStateException(name + " holds '" + marker + "': a reference solution must not go "
                    + "into the package (regenerate exercises/ from solutions/)");
        });
    }

    private Path graderJar(Kit kit) throws IOException {
        Path found = jar;
        if (found == null) {
            found = ownJar().orElse(kit.root().resolve("grader/jar/target/" + JAR));
        }
        found = found.toAbsolutePath().normalize();
        if (!Files.isRegularFile(found)) {
            throw new IllegalStateException("no grader jar at " + found + ": build it first with "
                    + "./mvnw -q -B -pl grader package -DskipTests");
        }
        try (ZipFile opened = new ZipFile(found.toFile())) {
            if (opened.getEntry(Autograder.class.getName().replace('.', '/') + ".class") == null
                    || opened.getEntry("picocli/CommandLine.class") == null) {
                throw new IllegalStateException("the grader jar " + found + " is not the runnable grader, or older "
                        + "than its Gradescope support: rebuild it with ./mvnw -q -B -pl grader package -DskipTests");
            }
        }
        return found;
    }

    private static java.util.Optional<Path> ownJar() {
        try {
            Path own = Path.of(GradescopePackage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(own) && own.toString().endsWith(".jar") ? java.util.Optional.of(own)
                    : java.util.Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static byte[] settings(String lessons) {
        Properties settings = new Properties();
        settings.setProperty("lessons", lessons);
        StringBuilder text = new StringBuilder();
        try (Writer writer = new java.io.StringWriter()) {
            settings.store(writer, "wslab autograder settings; WSLAB_LESSONS, WSLAB_JOBS, WSLAB_TIMEOUT override them");
            // Properties.store writes the date first; dropped so that the same kit makes the same zip.
            writer.toString().lines().filter(line -> !line.startsWith("#") || line.contains("wslab"))
                    .forEach(line -> text.append(line).append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GradescopePackage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the grader is missing its " + name + " template");
            }
            return in.readAllBytes();
        }
    }

    private static void add(FileSystem packed, String name, byte[] content, Set<PosixFilePermission> mode)
            throws IOException {
        Path entry = packed.getPath(name);
        folder(entry.getParent());
        Files.write(entry, content);
        Files.setPosixFilePermissions(entry, mode);
        Files.setLastModifiedTime(entry, ENTRY_TIME);
    }

    /** A folder entry, with its parents, readable and enterable by anyone once unpacked. */
    private static void folder(Path folder) throws IOException {
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        folder(folder.getParent());
        Files.createDirectory(folder);
        Files.setPosixFilePermissions(folder, EXECUTABLE);
        Files.setLastModifiedTime(folder, ENTRY_TIME);
    }
}
