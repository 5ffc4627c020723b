package wslab.grader;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Where the kit's parts are, read as files: the lessons, the plumbing, the checks. */
public record Kit(Path root) {

    /** The lesson ids, in the order they are taught ({@link Lesson}). */
    public static final List<String> LESSONS = Lesson.ids();
    /** The order lessons are handed to the grading pool ({@link Lesson#gradingOrder()}). */
    public static final List<String> GRADING_ORDER = Lesson.gradingOrder();

    public Kit {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * The kit to grade with: -Dwslab.kit; else the first folder holding the plumbing and the pages,
     * from the working folder up, then from the grader's own jar or classes up.
     */
    public static Kit current() {
        String given = System.getProperty("wslab.kit");
        if (given != null) {
            return new Kit(Path.of(given));
        }
        List<Path> starts = new java.util.ArrayList<>(List.of(Path.of("").toAbsolutePath()));
        try {
            starts.add(Path.of(Kit.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            // the working folder is the only place to look from
        }
        for (Path start : starts) {
            for (Path folder = start; folder != null; folder = folder.getParent()) {
                if (Files.isDirectory(folder.resolve("checks/src/main/java"))
                        && Files.isDirectory(folder.resolve("web"))) {
                    return new Kit(folder);
                }
            }
        }
        throw new IllegalStateException("cannot find the wslab kit (a folder with checks/ and web/): "
                + "run from inside it, or give -Dwslab.kit=FOLDER");
    }

    public Path plumbingSources() {
        return root.resolve("plumbing/src/main/java");
    }

    public Path checksSources() {
        return root.resolve("checks/src/main/java");
    }

    /** The checks' support's files besides its sources: its service registrations (META-INF/services). */
    public Path checksResources() {
        return root.resolve("checks/src/main/resources");
    }

    /** What the grader and the checks share (wslab.grading), compiled into both: the grader's own copy is used. */
    public Path gradingSources() {
        return root.resolve("checks/src/grading/java");
    }

    /** The lesson's checks: the kit's own copy, never the submission's. */
    public Path checkSources(String lesson) {
        return root.resolve("exercises").resolve(lesson).resolve("src/test/java");
    }

    /**
     * The class path of the jars a lesson's server is compiled and run against, for servers started from
     * {@code work}. When the grader runs from its own runnable jar (which holds everything, some 100 MB),
     * just the servers' libraries are copied out of it into {@code work/server-libraries.jar}: a server's
     * JVM then opens a jar of a few hundred kilobytes, not the grader's.
     */
    public static String serverLibraries(Path work) {
        List<String> jars = SERVER_LIBRARIES.stream().map(Kit::jarOf).distinct().toList();
        String own = jarOf(Kit.class);
        if (!jars.equals(List.of(own)) || !own.endsWith(".jar")) {
            return String.join(File.pathSeparator, jars);
        }
        Path slim = work.resolve("server-libraries.jar");
        try (ZipFile grader = new ZipFile(own);
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(slim))) {
            for (ZipEntry entry : Collections.list(grader.entries())) {
                if (!entry.isDirectory() && SERVER_LIBRARY_ENTRIES.stream().anyMatch(entry.getName()::startsWith)) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    try (InputStream in = grader.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + slim, e);
        }
        return slim.toString();
    }

    /** One class from each library a lesson's server uses: WebSocket, its command line, quiet logging. */
    private static final List<Class<?>> SERVER_LIBRARIES = List.of(org.java_websocket.server.WebSocketServer.class,
            org.apache.commons.cli.CommandLine.class, org.slf4j.LoggerFactory.class, org.slf4j.nop.NOPServiceProvider.class);
    /** Those libraries' entries in the grader's runnable jar. */
    private static final List<String> SERVER_LIBRARY_ENTRIES = List.of("org/java_websocket/", "org/apache/commons/cli/",
            "org/slf4j/", "META-INF/services/org.slf4j.spi.SLF4JServiceProvider");

    /** The class path the grader runs with, which the checks are compiled and launched against. */
    public static String graderClassPath() {
        return System.getProperty("java.class.path");
    }

    /** The jar, or the folder of classes, that {@code type} was loaded from. */
    public static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
