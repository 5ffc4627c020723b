package wslab.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The attack: looks for other students' sources and the grader's reports (results.json, grades.csv,
 * report.html, ...) wherever it can see, reads what it finds and prints it. Bounded: 100,000 entries, 5 s.
 */
final class Snoop {

    private static final Set<String> REPORTS = Set.of("results.json", "grades.csv", "report.html", "junit.xml",
            "classroom.json");
    private static final int MAX_FOUND = 20;
    private static final List<String> FOUND = new ArrayList<>();

    private Snoop() {
    }

    /** Looks, once per server; what it found is kept for {@link #found}. */
    static synchronized void lookAround() {
        Walk walk = new Walk(100_000, 5_000);
        String seen = walk.walk((path, folder) -> {
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (!folder && (REPORTS.contains(name) || name.endsWith(".java"))) {
                FOUND.add(path + ": " + firstLine(path));
            }
            return FOUND.size() < MAX_FOUND;
        });
        System.out.println("read-others: " + seen + ", " + FOUND.size() + " files of others found");
        FOUND.stream().limit(5).forEach(f -> System.out.println("read-others: found " + f));
    }

    /** The first thing found, if any. */
    static synchronized java.util.Optional<String> found() {
        return FOUND.stream().findFirst();
    }

    private static String firstLine(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            return line == null ? "(empty)" : line.substring(0, Math.min(line.length(), 100));
        } catch (IOException | RuntimeException e) {
            return "(seen, not readable: " + e.getClass().getSimpleName() + ")";
        }
    }
}
