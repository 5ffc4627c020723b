package wslab.grader.gradescope;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import wslab.grader.Folders;
import wslab.grader.Kit;
import wslab.grader.grading.Grading;
import wslab.grader.grading.Scores;
import wslab.grader.grading.Submissions;
import wslab.grader.GraderArchive;
import wslab.grader.reports.ResultsJson;

/**
 * What Gradescope's {@code run_autograder} runs for each submission: finds the lessons in
 * {@code /autograder/submission} (a repository, its {@code exercises/} folder, either one inside a folder, or
 * a zip of any of these), grades them with the grader in its own JVM, and writes
 * {@code /autograder/results/results.json}. Whatever goes wrong, a results.json with score 0 and an
 * {@code output} that says why is written, so that a student always sees something.
 *
 * <p>Settings: the environment variable {@code AUTOGRADER_ROOT} (default {@code /autograder}) moves Gradescope's
 * folders; {@code WSLAB_LESSONS} (ids, comma-separated, or {@code all}), {@code WSLAB_JOBS} and
 * {@code WSLAB_TIMEOUT} (seconds) override the package's {@code autograder.properties}.
 */
public final class Autograder {

    /** The package's settings file, at the top of the zip (so in {@code /autograder/source}). */
    public static final String SETTINGS = "autograder.properties";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Lines of the grader's console kept to explain a failed run. */
    private static final int KEPT_LINES = 40;

    private final Path root;
    private final Path source;
    private final Path results;

    Autograder(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.source = this.root.resolve("source");
        this.results = this.root.resolve("results");
    }

    public static void main(String[] args) {
        String given = System.getenv("AUTOGRADER_ROOT");
        Autograder autograder = new Autograder(Path.of(given == null || given.isBlank() ? "/autograder" : given));
        System.exit(autograder.run());
    }

    /** Grades the submission; 0 once a results.json is written (Gradescope reads it, not the exit status). */
    int run() {
        List<String> lessons = Kit.LESSONS;
        Path work = null;
        try {
            Files.createDirectories(results);
            Properties settings = settings();
            List<String> chosen = lessons(setting(settings, "WSLAB_LESSONS", "lessons", "all"));
            lessons = chosen;
            int jobs = Integer.parseInt(setting(settings, "WSLAB_JOBS", "jobs",
                    String.valueOf(Math.min(4, Runtime.getRuntime().availableProcessors()))));
            long timeout = Long.parseLong(setting(settings, "WSLAB_TIMEOUT", "timeout", "540"));
            work = Files.createTempDirectory("wslab-autograder");
            Path unzipTo = work.resolve("unzipped");
            Path submission = root.resolve("submission");
            Path lessonsFolder = Submissions.findLessons(submission, chosen)
                    .or(() -> unzipped(submission, unzipTo).flatMap(u -> Submissions.findLessons(u, chosen)))
                    .orElseThrow(() -> new Failure(nothingFound(submission, chosen)));
            System.out.println("wslab autograder: grading " + lessonsFolder + " (" + String.join(", ", chosen) + ")");
            grade(lessonsFolder, chosen, jobs, timeout, work.resolve("grade"), submission);
            return 0;
        } catch (Failure e) {
            return failed(e.getMessage(), lessons);
        } catch (IOException | RuntimeException e) {
            return failed("The autograder itself failed (" + e + "). Please tell your instructor.", lessons);
        } finally {
            Folders.delete(work);
        }
    }

    private void grade(Path lessonsFolder, List<String> lessons, int jobs, long timeout, Path out, Path submission)
            throws IOException {
        // The grader's JVM starts from its class-data archive, made by setup.sh's trial run (or by this run).
        java.util.Optional<GraderArchive> archive = GraderArchive.of(System.getProperty("java.class.path"));
        List<String> options = new ArrayList<>(List.of("-Dwslab.kit=" + source));
        archive.ifPresent(a -> options.addAll(a.options()));
        List<String> command = new ArrayList<>(wslab.grader.GraderJvm.command(wslab.grader.Grade.class,
                options, List.of("--submission=" + lessonsFolder,
                        "--lessons=" + String.join(",", lessons), "--out=" + out, "--jobs=" + jobs, "--end-with-parent")));
        Process grader = new ProcessBuilder(command).directory(source.toFile()).redirectErrorStream(true).start();
        Deque<String> tail = new ArrayDeque<>();
        Thread echo = new Thread(() -> echo(grader.getInputStream(), tail), "grader-console");
        echo.setDaemon(true);
        echo.start();
        boolean ended;
        try {
            ended = grader.waitFor(timeout, TimeUnit.SECONDS);
            if (!ended) {
                wslab.grading.ProcessTrees.stop(grader.toHandle(), Duration.ofSeconds(10), Duration.ofSeconds(10));
            }
            echo.join(5000);
            int exit = ended ? grader.exitValue() : -1;
            archive.ifPresent(a -> a.settle(exit));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            grader.destroyForcibly();
            throw new Failure("The autograder was stopped while grading.");
        }
        Path graded = out.resolve(ResultsJson.FILE);
        if (!ended) {
            throw new Failure("Grading took longer than " + timeout + " s and was stopped. Does a server of yours "
                    + "hang, or never print its ready line? The grader's last lines:\n" + lines(tail));
        }
        if (!Files.isRegularFile(graded)) {
            throw new Failure("The grader stopped (exit status " + grader.exitValue()
                    + ") before it wrote a result. Its last lines:\n" + lines(tail));
        }
        ObjectNode result = (ObjectNode) JSON.readTree(graded.toFile());
        result.put("output", String.format(Locale.ROOT, "Graded %s (lessons: %s): %.2f of %.0f points. "
                        + "Each lesson is worth %.0f points: %s, each part shared equally among its checks (a test's "
                        + "second tag says which part it is in); a failed check below says what it sent, what it "
                        + "expected and what came back.",
                shown(lessonsFolder, submission), String.join(", ", lessons),
                result.path("score").asDouble(), result.path("max_score").asDouble(), Scores.LESSON_POINTS,
                Scores.SPLIT));
        JSON.writeValue(results.resolve(ResultsJson.FILE).toFile(), result);
    }

    /** Where the lessons were found, as the student knows it: a folder of the submission, or one in their zip. */
    private String shown(Path lessonsFolder, Path submission) {
        if (lessonsFolder.startsWith(submission)) {
            return root.relativize(lessonsFolder).toString();
        }
        Path inZip = lessonsFolder.getFileName();
        for (Path folder = lessonsFolder; folder != null; folder = folder.getParent()) {
            if (folder.getFileName() != null && folder.getFileName().toString().startsWith("zip-")) {
                inZip = folder.relativize(lessonsFolder);
                break;
            }
        }
        return inZip.toString().isEmpty() ? "your zip" : inZip + "/ in your zip";
    }

    /** Writes a results.json with score 0 that says why; the student sees {@code output}. */
    private int failed(String why, List<String> lessons) {
        System.out.println("wslab autograder: " + why);
        try {
            Files.createDirectories(results);
            ObjectNode result = JSON.createObjectNode();
            result.put("score", 0);
            result.put("max_score", lessons.size() * Scores.LESSON_POINTS);
            result.put("output", why);
            JSON.writeValue(results.resolve(ResultsJson.FILE).toFile(), result);
            return 0;
        } catch (IOException | RuntimeException e) {
            System.out.println("wslab autograder: cannot write " + results.resolve(ResultsJson.FILE) + ": " + e);
            return 1;
        }
    }

    private Properties settings() throws IOException {
        Properties settings = new Properties();
        Path file = source.resolve(SETTINGS);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                settings.load(in);
            }
        }
        return settings;
    }

    private static String setting(Properties settings, String variable, String key, String fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            value = settings.getProperty(key, fallback);
        }
        return value.trim();
    }

    /** The lesson ids, checked: an unknown one is the instructor's mistake, and is said so. */
    static List<String> lessons(String ids) {
        try {
            return wslab.grader.Lesson.choose(ids);
        } catch (IllegalArgumentException e) {
            throw new Failure("The autograder is set up with an unknown lesson: " + e.getMessage() + ". Please tell your instructor.");
        }
    }

    /** A zip the student uploaded and Gradescope left packed: unpacked into {@code into}, each zip in its own folder. */
    static Optional<Path> unzipped(Path submission, Path into) {
        List<Path> zips;
        try (Stream<Path> files = Files.walk(submission, 2)) {
            zips = files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))
                    .sorted().toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (zips.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < zips.size(); i++) {
            Path target = into.resolve("zip-" + i);
            try {
                Submissions.unzip(zips.get(i), target);
            } catch (IOException e) {
                throw new Failure("Your zip " + submission.relativize(zips.get(i)) + " cannot be opened: " + e.getMessage());
            }
        }
        return Optional.of(into);
    }

    private String nothingFound(Path submission, List<String> lessons) {
        String seen;
        try (Stream<Path> top = Files.list(submission)) {
            seen = top.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted()
                    .limit(20).collect(Collectors.joining(", "));
        } catch (IOException e) {
            seen = "";
        }
        return "No lesson found in your submission. Upload your repository (the folder with exercises/ in it), or its "
                + "exercises/ folder, or a zip of either; the autograder looks for " + lessons.stream()
                .map(l -> l + "/src/main/java").collect(Collectors.joining(", "))
                + ". Your submission holds: " + (seen.isEmpty() ? "nothing" : seen) + ".";
    }

    private static void echo(InputStream console, Deque<String> tail) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(console, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println(line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > KEPT_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the grader ended; what was read is kept
        }
    }

    private static String lines(Deque<String> tail) {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /** A reason the submission cannot be graded, worded for the student. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }
}
