package wslab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes the temporary folders of the grader and of the checks. */
public final class FolderTrees {

    private FolderTrees() {
    }

    /**
     * Deletes {@code dir} and all it holds, walked again (three times at most) when a file went or came while it
     * was walked, as a browser's files do. A temporary folder left behind is harmless, so failures are ignored.
     */
    public static void delete(Path dir) {
        for (int attempt = 0; dir != null && attempt < 3 && Files.exists(dir, LinkOption.NOFOLLOW_LINKS); attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // left behind, or walked again
            }
        }
    }
}
