package wslab.grader.grading;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import wslab.grading.ServerArchive;
import wslab.grading.ServerJdk;

/**
 * What the lesson servers ran on: their JDK, and the class-data archive they started from, if any.
 *
 * @param jdk     the JDK that ran them
 * @param archive the archive they were given: used when the file is there
 */
public record ServerRuntime(ServerJdk jdk, Optional<Path> archive) {

    /** Whether the servers started from a class-data archive. */
    public boolean archived() {
        return !ServerArchive.off() && archive.filter(Files::isRegularFile).isPresent();
    }

    /** One line for the reports: the JDK, and the archive or why there was none. */
    public String line() {
        String started = archived() ? "started from " + ServerArchive.kind(jdk) + " (" + archive.get() + ")"
                : ServerArchive.off() ? "started without a class-data archive (turned off: -D" + ServerArchive.SWITCH + "=off)"
                : "started without a class-data archive (none could be made in the cache)";
        return jdk.line() + "; " + started;
    }
}
