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

    /** The kit the tests run in: -Dwslab.kit, or the folder above the grader module. */
    public static Kit current() {
        return new Kit(Path.of(System.getProperty("wslab.kit", "..")));
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
