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
import java.util.stream.Stream;

/**
 * Writes {@code exercises/} from {@code solutions/}: the solution is written once, and the student's
 * starter is made from it.
 *
 * <ul>
 *   <li>In Java sources, the lines from {@link SolutionMarkers#BEGIN} to {@link SolutionMarkers#END} are left
 *       out, and {@link SolutionMarkers#STUB} is taken off the start of a stub line, which the student sees
 *       instead.</li>
 *   <li>A file with a line {@link SolutionMarkers#SOLUTION_FILE} is not copied.</li>
 *   <li>In {@code pom.xml} files, "solutions" becomes "exercises".</li>
 *   <li>Everything else is copied as it is, but {@code target/} and each lesson's README.md, which is
 *       written for the student in {@code exercises/<id>/README.md}.</li>
 * </ul>
 */
public final class ExerciseGenerator {

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

    static String starter(String name, String solution) {
        StringBuilder out = new StringBuilder();
        boolean inSolution = false;
        int lineNumber = 0;
        for (String line : solution.split("\n", -1)) {
            lineNumber++;
            if (SolutionMarkers.isBegin(line)) {
                if (inSolution) {
                    throw new IllegalArgumentException(name + ":" + lineNumber + ": " + BEGIN + " inside another");
                }
                inSolution = true;
            } else if (SolutionMarkers.isEnd(line)) {
                if (!inSolution) {
                    throw new IllegalArgumentException(name + ":" + lineNumber + ": " + END + " without " + BEGIN);
                }
                inSolution = false;
            } else if (!inSolution) {
                int stub = line.indexOf(STUB);
                out.append(stub >= 0 && line.substring(0, stub).isBlank()
                        ? line.substring(0, stub) + line.substring(stub + STUB.length())
                        : line).append('\n');
            }
        }
        if (inSolution) {
            throw new IllegalArgumentException(name + ": " + BEGIN + " never ends");
        }
        return out.substring(0, out.length() - 1);
    }
}
