package wslab.grading;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The class-data archive the lesson servers' JVMs start with: the JVM's options that make one (on a short
 * trainer run) and that use one, for the {@link ServerJdk} the servers run with. JDK 25 and later make an AOT
 * cache, earlier ones an AppCDS dynamic archive.
 * An archive that is missing, stale or made by another JDK is never an error: the JVM starts without it,
 * and says nothing about it (its class-data logging is off).
 */
public final class ServerArchive {

    /** The system property that turns the archive off, {@code wslab.archive=off}: for measuring what it saves. */
    public static final String SWITCH = "wslab.archive";

    private ServerArchive() {
    }

    /** Whether the archive is turned off by {@code -Dwslab.archive=off}. */
    public static boolean off() {
        return "off".equalsIgnoreCase(System.getProperty(SWITCH, ""));
    }

    /** Whether {@code jdk} makes an AOT cache rather than a dynamic archive. */
    static boolean aot(ServerJdk jdk) {
        return jdk.feature() >= 25;
    }

    /** What {@code jdk}'s archive is, for the reports: {@code an AOT cache} or {@code an AppCDS archive}. */
    public static String kind(ServerJdk jdk) {
        return aot(jdk) ? "an AOT cache" : "an AppCDS archive";
    }

    /** The archive's file name for {@code jdk}. */
    public static String fileName(ServerJdk jdk) {
        return aot(jdk) ? "server.aot" : "server.jsa";
    }

    /** The options of a trainer run on {@code jdk} that writes the archive to {@code file} when its JVM ends. */
    public static List<String> makeOptions(ServerJdk jdk, Path file) {
        return List.of(quiet(jdk), (aot(jdk) ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + file);
    }

    /** The options of a server on {@code jdk} that starts with the archive {@code file}; none when it is off or not there (yet). */
    public static List<String> useOptions(ServerJdk jdk, Path file) {
        if (off() || !Files.isRegularFile(file)) {
            return List.of();
        }
        return List.of(quiet(jdk), (aot(jdk) ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + file);
    }

    /** Turns the JVM's class-data logging off: an unusable archive prints no warning among the server's lines. */
    private static String quiet(ServerJdk jdk) {
        return aot(jdk) ? "-Xlog:aot*=off,cds*=off,class+path=off" : "-Xlog:cds*=off,class+path=off";
    }
}
