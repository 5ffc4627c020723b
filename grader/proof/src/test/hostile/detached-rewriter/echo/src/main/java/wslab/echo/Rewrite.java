package wslab.echo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the detached processes run (the server's own main class, given the attack's mark as its only
 * argument: a lesson may have one main class only): for up to 90 s, once a second, it looks for the
 * grader's reports (results.json, grades.csv, report.html, junit.xml) and rewrites them: every score full,
 * every check passed, and a line that says so. It ignores SIGTERM, SIGINT and SIGHUP. Safety rail: it only rewrites a
 * file whose path holds {@link Walk#RAIL} (the proof's own temporary folders). What it rewrote it writes
 * down in its working folder, for the server to see.
 */
final class Rewrite {

    /** What every rewritten file holds, so that a rewrite shows even when the scores were full already. */
    static final String SIGNATURE = "HOSTILE-REWRITE";
    private static final Set<String> REPORTS = Set.of("results.json", "grades.csv", "report.html", "junit.xml");
    private static final long LIFETIME_NANOS = 90_000_000_000L;

    private Rewrite() {
    }

    /** Runs the rewriter; {@code args[0]} is its mark. */
    static void run(String[] args) throws IOException {
        long end = System.nanoTime() + LIFETIME_NANOS;
        for (String signal : new String[] {"TERM", "INT", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(signal), ignored -> { });
            } catch (IllegalArgumentException e) {
                // not a signal this JVM lets go of
            }
        }
        String marker = args.length > 0 ? args[0] : Walk.ATTACK + "-detached";
        Files.writeString(Path.of(marker + ".alive"), describe());
        Path log = Path.of(marker + ".rewritten");
        Map<Path, Long> done = new HashMap<>();
        while (System.nanoTime() < end) {
            new Walk(20_000, 2_000).walk((path, folder) -> {
                String name = path.getFileName() == null ? "" : path.getFileName().toString();
                if (!folder && REPORTS.contains(name) && path.toString().contains(Walk.RAIL)) {
                    try {
                        long modified = Files.getLastModifiedTime(path).toMillis();
                        if (!Long.valueOf(modified).equals(done.get(path))) {
                            boolean rewritten = rewrite(path, name);
                            done.put(path, Files.getLastModifiedTime(path).toMillis());
                            if (rewritten) {
                                Files.writeString(log, path + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                                        StandardOpenOption.APPEND);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        // not writable: next
                    }
                }
                return System.nanoTime() < end;
            });
            Detach.sleep(1_000);
        }
    }

    /** Its process id, its parent's and its session's, from /proc/self/stat. */
    private static String describe() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return "pid " + ProcessHandle.current().pid() + ", parent " + fields[1] + ", session " + fields[3];
        } catch (IOException | RuntimeException e) {
            return "pid " + ProcessHandle.current().pid();
        }
    }

    /** Rewrites {@code file}, unless one of the others did already; whether it did. */
    private static boolean rewrite(Path file, String name) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.contains(SIGNATURE)) {
            return false;
        }
        String changed = switch (name) {
            case "grades.csv" -> text.replaceAll("\\b\\d+\\.\\d\\d\\b", "10.00") + "# " + SIGNATURE + "\n";
            case "results.json" -> text.replaceAll("\"status\" : \"failed\"", "\"status\" : \"passed\"")
                    .replaceFirst("\\}\\s*$", ", \"" + SIGNATURE + "\" : true }\n");
            default -> text + "\n<!-- " + SIGNATURE + " -->\n";
        };
        Files.writeString(file, changed, StandardCharsets.UTF_8);
        return true;
    }
}
