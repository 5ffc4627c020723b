package wslab.grader;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the kit's parts are, read as files: the lessons, the plumbing, the checks. */
public record Kit(Path root) {

    /** The lesson ids, in the order they are taught. */
    public static final List<String> LESSONS = List.of("receiver", "echo", "simon", "quiz1-message-log",
            "quiz2-welcome", "quiz3-clock", "quiz4-random-replies", "quiz5-network");

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
                if (java.nio.file.Files.isDirectory(folder.resolve("plumbing/src/selfcheck/java"))
                        && java.nio.file.Files.isDirectory(folder.resolve("web"))) {
                    return new Kit(folder);
                }
            }
        }
        throw new IllegalStateException("cannot find the wslab kit (a folder with plumbing/ and web/): "
                + "run from inside it, or give -Dwslab.kit=FOLDER");
    }

    public Path plumbingSources() {
        return root.resolve("plumbing/src/main/java");
    }

    public Path selfcheckSources() {
        return root.resolve("plumbing/src/selfcheck/java");
    }

    /** The lesson's checks: the kit's own copy, never the submission's. */
    public Path checkSources(String lesson) {
        return root.resolve("exercises").resolve(lesson).resolve("src/test/java");
    }

    /** The jars a lesson's server is compiled and run against. */
    public static String serverLibraries() {
        return Stream.of(org.java_websocket.server.WebSocketServer.class, picocli.CommandLine.class,
                        org.slf4j.LoggerFactory.class, org.slf4j.nop.NOPServiceProvider.class)
                .map(Kit::jarOf).distinct().collect(Collectors.joining(File.pathSeparator));
    }

    /** The class path the grader runs with, which the checks are compiled and launched against. */
    public static String graderClassPath() {
        return System.getProperty("java.class.path");
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
