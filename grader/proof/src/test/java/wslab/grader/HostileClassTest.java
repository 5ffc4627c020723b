package wslab.grader;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import wslab.grading.ProcessTrees;

/**
 * Hostile submissions (src/test/hostile): each a correct echo plus one attack on the machine that grades it:
 * reading other students' files and the grader's reports, writing outside its folder, detached processes
 * that would rewrite the grades later, a server deaf to SIGTERM, a thread and process bomb, a disk filler,
 * a spinner on every core. Graded as a class beside correct students, by the grader as its own process, as
 * an instructor runs it: every correct student keeps full marks, each attack costs its own lesson only
 * what its hostile.properties says, the report says what the sandbox stopped, the reports are not changed
 * after they are written, nothing of the attacks is left running, and no file was written outside. The
 * spinner is graded three times beside two correct students, whose checks must pass every time.
 *
 * <p>The attacks are real, so the proof runs them only in the sandbox, unless it is turned off on purpose
 * ({@code -DnoSandbox} or {@code -Dwslab.sandbox=off}, to see the proof fail without it). Even then each
 * attack changes only files whose path holds "wslab-hostile" (this proof's temporary folder), and at most
 * one marker file at the top of /tmp, of the home folder given to the grader and of the kit, which the
 * proof deletes. {@code -Dhostile=NAME,...} grades only the attacks named (the spinner is graded in any case).
 */
// Alone: it grades whole classes with a grader of its own, and one attack keeps every core busy.
@Isolated
@DisplayName("hostile submissions")
class HostileClassTest {

    private static final Kit KIT = Kit.current();
    private static final Path HOSTILE = Path.of("src/test/hostile");
    /** In the command line of every process an attack starts. */
    private static final String ATTACK = "wslab-hostile-attack";
    /** What the write-outside attack writes wherever it can. */
    private static final String MARKER = "wslab-hostile-marker.txt";
    /** What the detached attack writes into every report it rewrites. */
    private static final String REWRITTEN = "HOSTILE-REWRITE";
    private static final String SPINNER = "spins-every-core";
    private static final List<String> CORRECT = List.of("alice", "bob");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static Path home;
    private static Path temporary;

    @BeforeAll
    static void makeFolders() throws Exception {
        if (!sandboxOff()) {
            String why = "no bubblewrap sandbox on this machine: the attacks are not run unconfined (to see them "
                    + "succeed, turn it off on purpose: -DnoSandbox)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.assertTrue(sandboxWorks(), why + "; CI installs bubblewrap, and this proof must run there");
            } else {
                Assumptions.assumeTrue(sandboxWorks(), why);
            }
        }
        work = Files.createTempDirectory("wslab-hostile-proof-");
        home = Files.createDirectories(work.resolve("home"));
        Files.writeString(home.resolve(".profile"), "# the home folder the grader is given\n");
        temporary = Files.createDirectories(work.resolve("tmp"));
    }

    @AfterAll
    static void cleanUp() {
        List<String> left = running(ATTACK);
        left.forEach(line -> ProcessHandle.of(Long.parseLong(line.split(" ", 2)[0])).ifPresent(ProcessHandle::destroyForcibly));
        for (Path marker : outsideMarkers()) {
            try {
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                System.out.println("could not delete " + marker + ": " + e.getMessage());
            }
        }
        if (work != null) {
            Folders.delete(work);
        }
    }

    @Test
    @DisplayName("a class with every attack: correct students keep full marks, each attack costs its own lesson only, "
            + "the report says what was stopped, the reports stay as written, nothing is left running or written outside")
    void classWithEveryAttack() throws Exception {
        Path classFolder = correctStudents(work.resolve("class"));
        List<String> attacks = attacks();
        for (String attack : attacks) {
            Folders.copy(HOSTILE.resolve(attack).resolve("echo"), classFolder.resolve(attack).resolve("echo"));
        }
        Map<String, String> sources = hashes(classFolder);
        Path out = work.resolve("class-grade");

        Set<String> marks = new TreeSet<>();
        for (String attack : attacks) {
            Optional.ofNullable(properties(attack).getProperty("processes")).ifPresent(marks::add);
        }
        Graded graded = grade(classFolder, out, marks);

        Map<String, String> written = hashes(out);
        List<String> problems = new ArrayList<>();
        List<String> grades = Files.readAllLines(out.resolve("grades.csv"));
        for (String student : CORRECT) {
            if (!grades.contains(student + ",10.00,10.00")) {
                problems.add("grades.csv does not give " + student + " (correct) full marks: " + grades);
            }
        }
        StringBuilder summary = new StringBuilder(graded.summary());
        for (String student : CORRECT) {
            Map<String, JsonNode> checks = checks(out, student);
            checks.forEach((name, check) -> {
                if (!check.get("status").asText().equals("passed")) {
                    problems.add(student + " (correct) failed \"" + name + "\": " + firstLines(check, 6));
                }
            });
            summary.append(String.format("%n  %-24s %s", student, passedOf(checks)));
        }
        for (String attack : attacks) {
            Properties expected = properties(attack);
            Map<String, JsonNode> checks = checks(out, attack);
            problems.addAll(unexpected(attack, expected, checks, out));
            Optional.ofNullable(expected.getProperty("processes"))
                    .flatMap(mark -> graded.processesOf(attack, mark)).ifPresent(problems::add);
            summary.append(String.format("%n  %-24s %s%s", attack, passedOf(checks),
                    firstFailure(checks).map(line -> "; " + line).orElse("")));
        }

        // The reports stay as they were written: nothing rewrites them once the grader is done.
        long waited = System.nanoTime();
        try {
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> hashes(out).equals(written));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            problems.add("the reports changed after the grader wrote them: " + changed(written, hashes(out)));
        }
        summary.append(String.format("%n  waited %.1f s after grading for the reports to change", (System.nanoTime() - waited) / 1e9));
        problems.addAll(leftBehind(out, classFolder, sources));
        System.out.println(summary);
        assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n" + summary);
    }

    @Test
    @DisplayName("a spinner on every core beside two correct students, graded three times: their checks all pass every time")
    void spinnerLeavesOthersAlone() throws Exception {
        Path classFolder = correctStudents(work.resolve("spin-class"));
        Folders.copy(HOSTILE.resolve(SPINNER).resolve("echo"), classFolder.resolve(SPINNER).resolve("echo"));
        Map<String, String> sources = hashes(classFolder);
        Map<String, Map<String, String>> first = null;
        List<String> problems = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (int run = 1; run <= 3; run++) {
            Path out = work.resolve("spin-grade-" + run);
            String mark = properties(SPINNER).getProperty("processes");
            Graded graded = grade(classFolder, out, Set.of(mark));
            graded.processesOf(SPINNER, mark).ifPresent(problem -> problems.add("run " + graded.run() + ": " + problem));
            Map<String, JsonNode> spinner = checks(out, SPINNER);
            summary.append(graded.summary()).append(String.format("%n  %s: %s%s", SPINNER, passedOf(spinner),
                    firstFailure(spinner).map(line -> "; " + line).orElse("")));
            Map<String, Map<String, String>> outcome = new TreeMap<>();
            for (String student : CORRECT) {
                Map<String, String> statuses = new LinkedHashMap<>();
                checks(out, student).forEach((name, check) -> {
                    statuses.put(name, check.get("status").asText());
                    if (!check.get("status").asText().equals("passed")) {
                        problems.add("run " + graded.run() + ": " + student + " (correct) failed \"" + name + "\": "
                                + firstLines(check, 6));
                    }
                });
                outcome.put(student, statuses);
                summary.append(String.format("%n  %s: %s", student, passedOf(checks(out, student))));
            }
            if (first == null) {
                first = outcome;
            } else if (!first.equals(outcome)) {
                problems.add("run " + run + " gave the correct students other results than run 1: " + outcome + " against " + first);
            }
            problems.addAll(leftBehind(out, classFolder, sources));
        }
        System.out.println(summary);
        assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n" + summary);
    }

    /** What a hostile student's results say that its hostile.properties does not allow. */
    private static List<String> unexpected(String attack, Properties expected, Map<String, JsonNode> checks, Path out)
            throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> fails = names(expected.getProperty("fails", ""));
        Set<String> mayFail = names(expected.getProperty("may-fail", ""));
        String says = expected.getProperty("report-says", "").strip();
        String who = attack;
        List<String> passedWrongly = new ArrayList<>();
        List<String> failedWrongly = new ArrayList<>();
        checks.forEach((name, check) -> {
            boolean passed = check.get("status").asText().equals("passed");
            if (passed && (fails.contains("*") || fails.contains(name))) {
                passedWrongly.add(name);
            }
            // not even "cannot check until ...": a correct lesson's basic rule works, unless its attack breaks it
            if (!passed && !fails.contains("*") && !fails.contains(name) && !mayFail.contains("*") && !mayFail.contains(name)) {
                failedWrongly.add(name);
            }
        });
        if (!passedWrongly.isEmpty()) {
            problems.add(who + ": passed " + passedWrongly.size() + " checks its attack must fail: \""
                    + String.join("\", \"", passedWrongly.subList(0, Math.min(3, passedWrongly.size()))) + "\""
                    + (passedWrongly.size() > 3 ? ", ..." : ""));
        }
        if (!failedWrongly.isEmpty()) {
            problems.add(who + ": failed " + failedWrongly.size() + " checks where its attack should cost nothing, first \""
                    + failedWrongly.get(0) + "\": " + firstLines(checks.get(failedWrongly.get(0)), 12));
        }
        for (String name : fails) {
            if (!name.equals("*") && !checks.containsKey(name)) {
                problems.add(who + ": no check \"" + name + "\" in its results");
            }
        }
        if (!says.isEmpty()) {
            boolean inResults = checks.values().stream().anyMatch(c -> c.get("output").asText().contains(says));
            boolean inReport = Files.readString(out.resolve(attack).resolve("report.html")).contains(says);
            if (!inResults || !inReport) {
                problems.add(who + ": its " + (inResults ? "report.html" : "results.json") + " does not say \"" + says
                        + "\"; its checks say: " + checks.values().stream().filter(c -> !c.get("status").asText().equals("passed"))
                        .findFirst().map(c -> firstLines(c, 40)).orElse("(all passed)"));
            }
        }
        return problems;
    }

    /**
     * What the attacks left: a process with the attack's mark in its command line, a server of this class still
     * running, a marker file outside a hostile student's folder, a rewritten or changed file.
     */
    private static List<String> leftBehind(Path out, Path classFolder, Map<String, String> sources) throws IOException {
        List<String> problems = new ArrayList<>();
        try { // the sandboxes end with their servers, the kit's watch on the browser's driver within 5 s of the grader
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> running(ATTACK).isEmpty() && running(work.toString()).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            List<String> attackers = running(ATTACK);
            if (!attackers.isEmpty()) {
                problems.add("processes of the attacks still running 15 s after grading: " + shown(attackers));
            }
            List<String> servers = running(work.toString()).stream().filter(p -> !p.contains(ATTACK)).toList();
            if (!servers.isEmpty()) {
                problems.add("processes of this class still running 15 s after grading: " + shown(servers));
            }
        }
        List<Path> markers = new ArrayList<>(outsideMarkers());
        for (Path folder : List.of(classFolder, out, home, temporary)) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(p -> p.getFileName().toString().equals(MARKER)).forEach(markers::add);
            }
        }
        if (!markers.isEmpty()) {
            problems.add("the write-outside attack wrote outside its folder: " + markers.size() + " markers, "
                    + markers.stream().limit(12).map(Path::toString).collect(Collectors.joining(", "))
                    + (markers.size() > 12 ? ", ..." : ""));
        }
        List<String> rewritten = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.size(file) < 16 << 20 && Files.readString(file, StandardCharsets.ISO_8859_1).contains(REWRITTEN)) {
                    rewritten.add(out.relativize(file).toString());
                }
            }
        }
        if (!rewritten.isEmpty()) {
            problems.add("a detached attack rewrote " + rewritten.size() + " reports: " + String.join(", ", rewritten));
        }
        Map<String, String> now = hashes(classFolder);
        if (!now.equals(sources)) {
            problems.add("the students' files changed while they were graded: " + changed(sources, now));
        }
        // What one grading left is not left to the next (where nothing stopped the attacks: a grader without sandbox).
        Stream.concat(running(ATTACK).stream(), running(work.toString()).stream())
                .forEach(line -> ProcessHandle.of(Long.parseLong(line.split(" ", 2)[0])).ifPresent(ProcessHandle::destroyForcibly));
        for (Path marker : markers) {
            Files.deleteIfExists(marker);
        }
        return problems;
    }

    /** The markers the write-outside attack may leave where a grader without a sandbox lets it: /tmp, the kit. */
    private static List<Path> outsideMarkers() {
        return Stream.of(Path.of("/tmp", MARKER), KIT.root().resolve(MARKER)).filter(Files::exists).toList();
    }

    /**
     * A class graded: how long it took, whether in the sandbox, and what was seen while it ran: when each
     * student's results.json appeared, and when each attack's processes (by the mark in their command line)
     * were first and last seen.
     */
    private record Graded(int run, Path out, long start, double seconds, String sandbox, Map<String, Long> done,
                          Map<String, long[]> seen) {
        String summary() {
            StringBuilder text = new StringBuilder(String.format("%n%s graded in %.1f s (%s)", out.getFileName(), seconds, sandbox));
            seen.forEach((mark, firstLast) -> text.append(String.format("%n  processes marked %s seen from %.1f s to %.1f s",
                    mark, (firstLast[0] - start) / 1e9, (firstLast[1] - start) / 1e9)));
            text.append("\n  results written at: ").append(done.entrySet().stream()
                    .map(e -> String.format("%s %.1f s", e.getKey(), (e.getValue() - start) / 1e9))
                    .collect(Collectors.joining(", ")));
            return text.toString();
        }

        /** What is wrong with the processes marked {@code mark} that {@code student}'s attack starts. */
        Optional<String> processesOf(String student, String mark) {
            long[] firstLast = seen.get(mark);
            if (firstLast == null) {
                return Optional.of(student + ": no process marked " + mark + " was seen while the class was"
                        + " graded: the attack did not run, and proves nothing");
            }
            Long results = done.get(student);
            double after = results == null ? Double.NaN : (firstLast[1] - results) / 1e9;
            if (results == null || after > LEFT_LIMIT.toSeconds()) {
                return Optional.of(String.format("%s: processes marked %s ran until %.1f s, its results were "
                        + "written at %s", student, mark, (firstLast[1] - start) / 1e9,
                        results == null ? "no time seen" : String.format("%.1f s", (results - start) / 1e9)));
            }
            return Optional.empty();
        }
    }

    /** How long an attack's processes may outlive its lesson's last check (a server is ended within 10 s). */
    private static final Duration LEFT_LIMIT = Duration.ofSeconds(10);
    private static int runs;

    /**
     * Grades {@code classFolder} (the echo lesson) with the grader as its own process, as an instructor would;
     * meanwhile watches the processes of the attacks {@code marks} and the students' results.
     */
    private static Graded grade(Path classFolder, Path out, Set<String> marks) throws Exception {
        Path log = work.resolve(out.getFileName() + ".log");
        List<String> command = new ArrayList<>(GraderJvm.command(Grade.class,
                List.of("-Djava.io.tmpdir=" + temporary, "-Dwslab.kit=" + KIT.root()),
                List.of("--submissions=" + classFolder, "--lessons=echo", "--out=" + out, "--end-with-parent")));
        if (sandboxOff()) {
            command.add("--no-sandbox");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("TMPDIR", temporary.toString());
        List<String> students;
        try (Stream<Path> folders = Files.list(classFolder)) {
            students = folders.map(f -> f.getFileName().toString()).toList();
        }
        Map<String, Long> done = new TreeMap<>();
        Map<String, long[]> seen = new TreeMap<>();
        long start = System.nanoTime();
        long limit = start + TimeUnit.MINUTES.toNanos(5);
        Process grader = builder.start();
        try {
            while (!grader.waitFor(250, TimeUnit.MILLISECONDS)) {
                assertTrue(System.nanoTime() < limit, "the class was not graded within 5 minutes");
                long now = System.nanoTime();
                students.stream().filter(s -> !done.containsKey(s) && Files.exists(out.resolve(s).resolve("results.json")))
                        .forEach(s -> done.put(s, now));
                List<String> commands = running(ATTACK);
                for (String mark : marks) {
                    if (commands.stream().anyMatch(c -> c.contains(mark))) {
                        seen.computeIfAbsent(mark, m -> new long[] {now, now})[1] = now;
                    }
                }
            }
        } finally {
            ProcessTrees.end(List.of(grader.toHandle()), Duration.ofSeconds(10));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String console = Files.readString(log);
        assertEquals(0, grader.exitValue(), console);
        String sandbox = console.lines().filter(l -> l.startsWith("sandbox: ") || l.startsWith("warning: not sandboxed"))
                .findFirst().orElse("sandbox not named").replaceFirst(":.*", "");
        return new Graded(++runs, out, start, seconds, sandbox.startsWith("warning") ? "not sandboxed" : "sandboxed", done, seen);
    }

    /** The two correct students: the kit's echo solution, and one written apart from the kit. */
    private static Path correctStudents(Path classFolder) throws IOException {
        Folders.copy(KIT.root().resolve("solutions/echo/src"), classFolder.resolve("alice/exercises/echo/src"));
        Folders.copy(Path.of("src/test/independent/alpha/echo"), classFolder.resolve("bob/echo"));
        return classFolder;
    }

    /** The hostile fixtures, by name: all, or those {@code -Dhostile=NAME,...} names (to try one attack alone). */
    private static List<String> attacks() throws IOException {
        Set<String> chosen = names(System.getProperty("hostile", "").replace(',', '|'));
        try (Stream<Path> dirs = Files.list(HOSTILE)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("hostile.properties")))
                    .map(d -> d.getFileName().toString()).filter(name -> chosen.isEmpty() || chosen.contains(name))
                    .sorted().toList();
        }
    }

    private static Properties properties(String attack) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(HOSTILE.resolve(attack).resolve("hostile.properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    /** A student's checks, by name (without the lesson's), from their results.json. */
    private static Map<String, JsonNode> checks(Path out, String student) throws IOException {
        JsonNode results = JSON.readTree(out.resolve(student).resolve("results.json").toFile());
        Map<String, JsonNode> checks = new LinkedHashMap<>();
        results.get("tests").forEach(test -> checks.put(test.get("name").asText().replaceFirst("^echo: ", ""), test));
        return checks;
    }

    private static String passedOf(Map<String, JsonNode> checks) {
        return checks.values().stream().filter(c -> c.get("status").asText().equals("passed")).count() + " of "
                + checks.size() + " checks passed";
    }

    /** What the first failed check says: its sandbox line if it has one, else its line "got:" or its first. */
    private static Optional<String> firstFailure(Map<String, JsonNode> checks) {
        return checks.values().stream().filter(c -> !c.get("status").asText().equals("passed")).findFirst().map(check -> {
            List<String> lines = check.get("output").asText().lines().toList();
            return lines.stream().filter(l -> l.startsWith("sandbox: ")).findFirst()
                    .or(() -> lines.stream().filter(l -> l.startsWith("got: ")).findFirst())
                    .orElse(lines.isEmpty() ? "" : lines.get(0));
        });
    }

    private static String firstLines(JsonNode check, int count) {
        return check.get("output").asText().lines().limit(count).collect(Collectors.joining("\n    ", "\n    ", ""));
    }

    private static Set<String> names(String list) {
        return Arrays.stream(list.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** Every file below {@code folder}, by its path there, and the SHA-256 of its content. */
    private static Map<String, String> hashes(Path folder) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return hashes;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    hashes.put(folder.relativize(file).toString(), HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return hashes;
    }

    private static String changed(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        before.forEach((file, hash) -> {
            if (!after.containsKey(file)) {
                changes.add(file + " deleted");
            } else if (!after.get(file).equals(hash)) {
                changes.add(file + " changed");
            }
        });
        after.keySet().stream().filter(file -> !before.containsKey(file)).forEach(file -> changes.add(file + " added"));
        return changes.size() + " files: " + changes.stream().limit(12).collect(Collectors.joining(", "))
                + (changes.size() > 12 ? ", ..." : "");
    }

    /** Processes as a failure shows them: their id, the start and the end of their command line. */
    private static String shown(List<String> processes) {
        return processes.stream().map(p -> p.length() <= 240 ? p : p.substring(0, 120) + " ... " + p.substring(p.length() - 120))
                .collect(Collectors.joining("\n    ", "\n    ", ""));
    }

    /** The processes whose command line holds {@code text}: "pid command line" each. */
    private static List<String> running(String text) {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : proc) {
                try {
                    String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ').strip();
                    if (command.contains(text) && Long.parseLong(process.getFileName().toString()) != ProcessHandle.current().pid()) {
                        found.add(process.getFileName() + " " + command);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }

    /** Whether the sandbox was turned off on purpose, as the grader's option and the kit's setting do. */
    private static boolean sandboxOff() {
        String noSandbox = System.getProperty("noSandbox");
        return "off".equalsIgnoreCase(System.getProperty("wslab.sandbox", "").strip())
                || noSandbox != null && !noSandbox.strip().equalsIgnoreCase("false");
    }

    /** Whether bubblewrap can make a sandbox here (Linux, installed, user namespaces or root). */
    private static boolean sandboxWorks() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return false;
        }
        List<String> command = new ArrayList<>(List.of("bwrap", "--unshare-pid", "--die-with-parent",
                "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev"));
        if (!System.getProperty("user.name", "").equals("root")) {
            command.add("--unshare-user");
        }
        command.addAll(List.of("--", "true"));
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!probe.waitFor(20, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
