package wslab.echo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How an attacker looks around the machine for other people's files, within bounds (entries, time, depth):
 * first the folders named on the command line of every process it can see (a grader's --submissions and
 * --out, a kit's folder, class paths), then the usual shared folders (/tmp, the home folders), the folders
 * above its own, and last the whole file system from /. System folders (/usr, /etc, /proc, ...) and its own
 * folder (the one it was given to work in) are left out.
 */
final class Walk {

    /** In the command line of every process an attack starts, so that the proof can find any that is left. */
    static final String ATTACK = "wslab-hostile-attack";
    /**
     * The safety rail: an attack only ever changes files and folders whose path holds this (the proof's own
     * temporary folders), even where nothing stops it (a grader run without its sandbox).
     */
    static final String RAIL = "wslab-hostile";

    private static final List<String> SKIPPED = List.of("/proc", "/sys", "/dev", "/usr", "/etc", "/bin", "/sbin",
            "/lib", "/lib32", "/lib64", "/libx32", "/boot", "/run", "/snap", "/var/lib", "/var/cache", "/var/log");
    private static final int MAX_DEPTH = 12;

    /** What to do with each folder and file found; false stops the walk. */
    interface Visitor {
        boolean visit(Path path, boolean folder);
    }

    /** Its own folder: the working folder's parent, the folder of the checks that started it. */
    final Path own = Path.of("").toAbsolutePath().getParent();
    private final Path javaHome = Path.of(System.getProperty("java.home"));
    private final int maxEntries;
    private final long deadline;
    private int entries;
    private int folders;

    Walk(int maxEntries, long millis) {
        this.maxEntries = maxEntries;
        this.deadline = System.nanoTime() + millis * 1_000_000;
    }

    /** Walks breadth first from every root, until the bounds; what was seen, in a few words. */
    String walk(Visitor visitor) {
        Set<Path> seen = new HashSet<>();
        for (Path root : roots()) {
            Deque<Path> queue = new ArrayDeque<>();
            Deque<Integer> depths = new ArrayDeque<>();
            queue.add(root);
            depths.add(0);
            while (!queue.isEmpty()) {
                Path folder = queue.poll();
                int depth = depths.poll();
                if (!seen.add(folder) || skipped(folder)) {
                    continue;
                }
                folders++;
                if (!visitor.visit(folder, true)) {
                    return summary();
                }
                try (DirectoryStream<Path> list = Files.newDirectoryStream(folder)) {
                    for (Path entry : list) {
                        if (++entries > maxEntries || System.nanoTime() > deadline) {
                            return summary() + " (bounds reached)";
                        }
                        BasicFileAttributes attributes;
                        try {
                            attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                        } catch (IOException | RuntimeException e) {
                            continue;
                        }
                        if (attributes.isDirectory()) {
                            if (depth < MAX_DEPTH) {
                                queue.add(entry);
                                depths.add(depth + 1);
                            }
                        } else if (attributes.isRegularFile() && !visitor.visit(entry, false)) {
                            return summary();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // not readable: go on
                }
            }
        }
        return summary();
    }

    private String summary() {
        return folders + " folders and " + entries + " entries looked at";
    }

    private boolean skipped(Path folder) {
        String path = folder.toString();
        if (own != null && folder.startsWith(own) || folder.startsWith(javaHome)) {
            return true;
        }
        return !path.startsWith("/dev/shm") && SKIPPED.stream().anyMatch(s -> path.equals(s) || path.startsWith(s + "/"));
    }

    /** Where to look, in order: what command lines name, the shared folders, the folders above, then /. */
    List<Path> roots() {
        Set<Path> first = new LinkedHashSet<>();
        Set<Path> named = new LinkedHashSet<>();
        List<Path> processes = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            proc.forEach(processes::add);
        } catch (IOException | RuntimeException e) {
            // no /proc
        }
        for (Path process : processes) {
            try {
                byte[] bytes = Files.readAllBytes(process.resolve("cmdline"));
                for (String arg : new String(bytes, 0, Math.min(bytes.length, 1 << 16), StandardCharsets.UTF_8).split("\0")) {
                    boolean grader = arg.startsWith("--submissions=") || arg.startsWith("--submission=")
                            || arg.startsWith("--out=") || arg.startsWith("-Dwslab.kit=") || arg.startsWith("-Djava.io.tmpdir=");
                    String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : arg;
                    for (String part : value.split(":")) {
                        if (part.startsWith("/")) {
                            folderOf(Path.of(part)).ifPresent(grader ? first::add : named::add);
                        }
                    }
                }
                folderOf(process.resolve("cwd").toRealPath()).ifPresent(named::add);
            } catch (IOException | RuntimeException e) {
                // gone, or not ours to read
            }
        }
        Set<Path> roots = new LinkedHashSet<>(first);
        roots.addAll(named);
        for (String place : new String[] {"/tmp", "/var/tmp", "/dev/shm", "/root", "/home", System.getenv("HOME"),
                System.getProperty("user.home"), System.getProperty("java.io.tmpdir"), System.getenv("TMPDIR")}) {
            if (place != null && !place.isEmpty()) {
                folderOf(Path.of(place)).ifPresent(roots::add);
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(":")) {
            Path up = Path.of(entry).toAbsolutePath();
            for (int i = 0; i < 5 && up.getParent() != null; i++) {
                up = up.getParent();
                roots.add(up);
            }
        }
        for (Path up = own; up != null; up = up.getParent()) {
            roots.add(up);
        }
        roots.add(Path.of("/"));
        return new ArrayList<>(roots);
    }

    private static java.util.Optional<Path> folderOf(Path path) {
        Path folder = Files.isDirectory(path) ? path : path.getParent();
        return folder != null && Files.isDirectory(folder) ? java.util.Optional.of(folder.normalize()) : java.util.Optional.empty();
    }

    /** The kit's folder, found from the class path as an attacker would (a folder above it with mvnw and plumbing/). */
    static java.util.Optional<Path> kit() {
        for (String entry : System.getProperty("java.class.path", "").split(":")) {
            for (Path up = Path.of(entry).toAbsolutePath(); up != null; up = up.getParent()) {
                if (Files.isRegularFile(up.resolve("mvnw")) && Files.isDirectory(up.resolve("plumbing"))) {
                    return java.util.Optional.of(up);
                }
            }
        }
        for (Path up = Path.of("").toAbsolutePath(); up != null; up = up.getParent()) {
            if (Files.isRegularFile(up.resolve("mvnw")) && Files.isDirectory(up.resolve("plumbing"))) {
                return java.util.Optional.of(up);
            }
        }
        return java.util.Optional.empty();
    }
}
