package wslab.echo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The attack: writes a marker file into every folder outside its own that it can reach: other students'
 * folders, the grader's, /tmp, the home folder, the kit. Bounded: 100,000 entries, 5 s, 500 files written.
 * Safety rail ({@link Walk#RAIL}): it writes only where the path holds "wslab-hostile" (the proof's own
 * temporary folders), and at the top of /tmp, of the home folder and of the kit (one marker each, which the
 * proof deletes), even where nothing stops it.
 */
final class Scribble {

    /** The marker's name: the proof looks for it. */
    static final String MARKER = "wslab-hostile-marker.txt";
    private static final int MAX_WRITTEN = 500;
    private static final List<String> LEAKED = new ArrayList<>();

    private Scribble() {
    }

    /** Writes, once per server; where it wrote beside someone else's files is kept for {@link #leaked}. */
    static synchronized void writeEverywhere() {
        Walk walk = new Walk(100_000, 5_000);
        Set<Path> tops = new java.util.HashSet<>();
        tops.add(Path.of("/tmp"));
        Walk.kit().ifPresent(tops::add);
        String home = System.getenv("HOME");
        if (home != null && !home.isEmpty()) {
            tops.add(Path.of(home));
        }
        int[] tried = {0};
        int[] written = {0};
        String seen = walk.walk((path, folder) -> {
            if (folder && (path.toString().contains(Walk.RAIL) || tops.contains(path))) {
                tried[0]++;
                Path marker = path.resolve(MARKER);
                try {
                    Files.writeString(marker, "written by the write-outside attack, from " + Path.of("").toAbsolutePath()
                            + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    written[0]++;
                    if (othersFiles(path)) {
                        LEAKED.add(marker.toString());
                    }
                } catch (IOException | RuntimeException e) {
                    // read-only, not ours, not there: next
                }
            }
            return written[0] < MAX_WRITTEN;
        });
        System.out.println("write-outside: " + seen + ", tried " + tried[0] + " folders, wrote " + written[0]
                + " markers, " + LEAKED.size() + " beside others' files");
        LEAKED.stream().limit(5).forEach(l -> System.out.println("write-outside: wrote " + l));
    }

    /** Where it wrote beside someone else's files, if anywhere. */
    static synchronized java.util.Optional<String> leaked() {
        return LEAKED.stream().findFirst();
    }

    /** Whether {@code folder} holds a file that is not the marker: someone else's (an empty folder may be its sandbox's own). */
    private static boolean othersFiles(Path folder) {
        try (DirectoryStream<Path> list = Files.newDirectoryStream(folder)) {
            for (Path entry : list) {
                if (Files.isRegularFile(entry) && !entry.getFileName().toString().equals(MARKER)) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not readable
        }
        return false;
    }
}
