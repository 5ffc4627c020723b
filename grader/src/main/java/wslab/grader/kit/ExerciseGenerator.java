package wslab.grader.kit;

import static wslab.grader.kit.SolutionMarkers.BEGIN;
import static wslab.grader.kit.SolutionMarkers.END;
import static wslab.grader.kit.SolutionMarkers.STUB;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes {@code exercises/} from {@code solutions/}: the solution is written once, and the student's
 * starter is made from it.
 *
 * <ul>
 *   <li>In Java sources, the lines from {@link SolutionMarkers#BEGIN} to {@link SolutionMarkers#END} are left
 *       out, and {@link SolutionMarkers#STUB} is taken off the start of a stub line, which the student sees
 *       instead. Where something was cut, the starter loses the single-type imports it no longer uses, and a
 *       blank line the cut left after another blank line.</li>
 *   <li>A file with a line {@link SolutionMarkers#SOLUTION_FILE} is not copied.</li>
 *   <li>In {@code pom.xml} files, "solutions" becomes "exercises".</li>
 *   <li>Everything else is copied as it is, but {@code target/} and each lesson's README.md, which is
 *       written for the student in {@code exercises/<id>/README.md}.</li>
 * </ul>
 */
public final class ExerciseGenerator {

    /** A single-type import, static or not: its simple name is group 1. A wildcard import is not one. */
    private static final Pattern SINGLE_TYPE_IMPORT =
            Pattern.compile("\\s*import\\s+(?:static\\s+)?(?:[\\w$]+\\s*\\.\\s*)+([\\w$]+)\\s*;\\s*");
    private static final Pattern PACKAGE_OR_IMPORT = Pattern.compile("(?s)\\s*(?:package|import)\\s.*");

    private final Path kit;

    public ExerciseGenerator(Path kit) {
        this.kit = kit.toAbsolutePath().normalize();
    }

    /** Writes exercises/ afresh; prints what it changed. */
    public static void main(String[] args) throws IOException {
        ExerciseGenerator generator = new ExerciseGenerator(Path.of(args.length > 0 ? args[0] : "."));
        List<String> changes = generator.write();
        changes.forEach(System.out::println);
        System.out.println(changes.isEmpty() ? "exercises/ is up to date" : changes.size() + " files changed in exercises/");
    }

    /** What exercises/ must hold: relative path below exercises/, and the file's text. */
    public Map<String, String> generate() {
        Path solutions = kit.resolve("solutions");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(solutions)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = solutions.relativize(file).toString().replace('\\', '/');
                if (isLeftOut(relative)) {
                    continue;
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (relative.endsWith(".java")) {
                    if (SolutionMarkers.isSolutionFile(text)) {
                        continue;
                    }
                    text = starter(relative, text);
                } else if (relative.endsWith("pom.xml")) {
                    text = text.replace("solutions", "exercises");
                }
                files.put(relative, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Differences between exercises/ on disk and what it must hold, one line each; empty when none. */
    public List<String> drift() {
        Map<String, String> expected = generate();
        Map<String, String> actual = onDisk();
        List<String> problems = new ArrayList<>();
        Set<String> all = new TreeSet<>(expected.keySet());
        all.addAll(actual.keySet());
        for (String path : all) {
            if (!actual.containsKey(path)) {
                problems.add("missing: exercises/" + path);
            } else if (!expected.containsKey(path)) {
                problems.add("not made from solutions/: exercises/" + path);
            } else if (!actual.get(path).equals(expected.get(path))) {
                problems.add("differs: exercises/" + path);
            }
        }
        return problems;
    }

    /** Makes exercises/ what it must be; the changed paths. */
    public List<String> write() throws IOException {
        List<String> changes = new ArrayList<>();
        Path exercises = kit.resolve("exercises");
        Map<String, String> expected = generate();
        for (Map.Entry<String, String> file : expected.entrySet()) {
            Path target = exercises.resolve(file.getKey());
            if (!Files.exists(target) || !Files.readString(target, StandardCharsets.UTF_8).equals(file.getValue())) {
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                changes.add("wrote exercises/" + file.getKey());
            }
        }
        for (String stale : onDisk().keySet()) {
            if (!expected.containsKey(stale)) {
                Files.delete(exercises.resolve(stale));
                changes.add("deleted exercises/" + stale);
            }
        }
        return changes;
    }

    private Map<String, String> onDisk() {
        Path exercises = kit.resolve("exercises");
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(exercises)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(exercises)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = exercises.relativize(file).toString().replace('\\', '/');
                if (!isLeftOut(relative) && !relative.equals("README.md")) {
                    files.put(relative, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static boolean isLeftOut(String relative) {
        return relative.startsWith("target/") || relative.contains("/target/") || relative.endsWith(".log")
                || relative.matches("[^/]+/README\\.md");
    }

    /** The student's version of one Java source. */
    public static String starterOf(String solution) {
        return starter("source", solution);
    }

    /** One line of a starter, and whether the generator cut something out just before it. */
    private record Line(String text, boolean afterCut) {

        Line cutBefore() {
            return new Line(text, true);
        }
    }

    /**
     * The starter of one source: the answers cut out and the stubs in their place, then, only where something was
     * cut, the imports left unused and the blank lines left doubled by the cut taken away.
     */
    static String starter(String name, String solution) {
        List<Line> lines = new ArrayList<>();
        boolean inSolution = false;
        boolean cut = false;
        boolean anyCut = false;
        int lineNumber = 0;
        for (String line : solution.split("\n", -1)) {
            lineNumber++;
            if (SolutionMarkers.isBegin(line)) {
                if (inSolution) {
                    throw new IllegalArgumentException(name + ":" + lineNumber + ": " + BEGIN + " inside another");
                }
                inSolution = true;
                cut = true;
                anyCut = true;
            } else if (SolutionMarkers.isEnd(line)) {
                if (!inSolution) {
                    throw new IllegalArgumentException(name + ":" + lineNumber + ": " + END + " without " + BEGIN);
                }
                inSolution = false;
            } else if (!inSolution) {
                int stub = line.indexOf(STUB);
                lines.add(new Line(stub >= 0 && line.substring(0, stub).isBlank()
                        ? line.substring(0, stub) + line.substring(stub + STUB.length())
                        : line, cut));
                cut = false;
            }
        }
        if (inSolution) {
            throw new IllegalArgumentException(name + ": " + BEGIN + " never ends");
        }
        if (anyCut) {
            lines = withoutDoubledBlankLines(withoutUnusedImports(lines));
        }
        return String.join("\n", lines.stream().map(Line::text).toList());
    }

    /**
     * The lines without the single-type imports whose simple name appears nowhere else in the source (a word in a
     * comment or a string counts, so as not to drop what a {@code {@link}} needs). Wildcard imports are kept.
     */
    private static List<Line> withoutUnusedImports(List<Line> lines) {
        String rest = String.join("\n", lines.stream().map(Line::text)
                .filter(text -> !PACKAGE_OR_IMPORT.matcher(text).matches()).toList());
        List<Line> kept = new ArrayList<>();
        boolean cut = false;
        for (Line line : lines) {
            Matcher single = SINGLE_TYPE_IMPORT.matcher(line.text());
            if (single.matches() && !Pattern.compile("(?<![\\w$])" + Pattern.quote(single.group(1)) + "(?![\\w$])")
                    .matcher(rest).find()) {
                cut = true;
                continue;
            }
            kept.add(cut ? line.cutBefore() : line);
            cut = false;
        }
        return kept;
    }

    /** The lines without a blank line that a cut left right after another blank line. */
    private static List<Line> withoutDoubledBlankLines(List<Line> lines) {
        List<Line> kept = new ArrayList<>();
        boolean cut = false;
        for (Line line : lines) {
            boolean afterCut = cut || line.afterCut();
            if (afterCut && line.text().isBlank() && !kept.isEmpty() && kept.get(kept.size() - 1).text().isBlank()) {
                cut = true; // a run of blank lines after a cut becomes one
                continue;
            }
            kept.add(line);
            cut = false;
        }
        return kept;
    }
}
