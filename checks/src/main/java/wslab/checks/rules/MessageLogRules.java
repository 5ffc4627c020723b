package wslab.checks.rules;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import wslab.checks.harness.BoundedLines;
import wslab.checks.harness.Client;
import wslab.checks.harness.LessonProcess;
import wslab.checks.harness.Report;

/** RULES.md, rules L1 to L6 (quiz 1): the receiver's rules (ReceiverRules), and the message log. */
public abstract class MessageLogRules extends ReceiverRules {

    /**
     * The messages each of two clients sends at once in the check of lines that must not mix: enough that two
     * unsynchronized writers are caught interleaving even on a machine whose every processor is busy.
     */
    private static final int AT_ONCE = 600;
    private static final String FORMAT = "every message is appended to the log as one line, <timestamp><TAB><message>, "
            + "the timestamp in ISO-8601 with date, time and zone offset";

    private Path log() {
        return scratch.resolve("shared.log");
    }

    @Override
    public List<String> startArguments() {
        return List.of("--log", log().toString());
    }

    /** The lesson's own rule: a message reaches the log. */
    @Override
    public void assertLessonWorks() {
        assertLogged(server, log(), "does the log work?", "does the log work?");
    }

    @Test
    @Enforces({Rule.L1, Rule.L2})
    @BasicRule
    @DisplayName("appends each message to the log as <ISO-8601 time><TAB><message>")
    void appendsMessage() {
        assertLogged(server, log(), "hello, log", "hello, log");
    }

    @Test
    @Enforces(Rule.L3)
    @DisplayName("writes backslash, line feed and carriage return as \\\\, \\n and \\r")
    void escapesLineBreaks() {
        assertLogged(server, log(), "one\\two\nthree\rfour", "one\\\\two\\nthree\\rfour");
    }

    @Test
    @Enforces(Rule.L3)
    @DisplayName("keeps Unicode text unchanged in the log (UTF-8)")
    void logsUnicode() {
        assertLogged(server, log(), UNICODE, UNICODE);
    }

    @Test
    @Enforces(Rule.L1)
    @DisplayName("writes messages.log in the working folder when --log is not given")
    void usesDefaultLog() {
        LessonProcess other = start(List.of());
        assertLogged(other, other.workDir().resolve("messages.log"), "default log", "default log");
    }

    @Test
    @Enforces(Rule.L5)
    @DisplayName("appends to a log that exists, never truncating it")
    void appendsToExistingLog() throws IOException {
        Path existing = scratch.resolve("existing.log");
        Files.writeString(existing, "2026-01-01T00:00:00Z\tfrom last week\n", StandardCharsets.UTF_8);
        LessonProcess other = start(List.of("--log", existing.toString()));
        assertLogged(other, existing, "from today", "from today");
        List<String> lines = Files.readAllLines(existing, StandardCharsets.UTF_8);
        if (!lines.get(0).equals("2026-01-01T00:00:00Z\tfrom last week")) {
            throw Report.of("an existing log is appended to, never truncated")
                    .sent("a message, with a log that already held one line")
                    .expected("the old line first, then the new one")
                    .got(Report.show(lines))
                    .hint("open the file with StandardOpenOption.APPEND (and CREATE)")
                    .error();
        }
    }

    @Test
    @Enforces(Rule.L4)
    @DisplayName("loses no message already received when killed with SIGKILL")
    void survivesSigkill() {
        Path killedLog = scratch.resolve("killed.log");
        LessonProcess other = start(List.of("--log", killedLog.toString()));
        List<String> sent = IntStream.rangeClosed(1, 20).mapToObj(i -> "before the crash " + i).toList();
        try (Client client = Client.connect(other.uri())) {
            sent.forEach(client::send);
            client.send("last");
            other.stdout().await(0, "last"::equals, REPLY_LIMIT);
        }
        other.kill();
        List<String> logged = messages(killedLog);
        if (!logged.subList(0, Math.min(20, logged.size())).equals(sent)) {
            throw Report.of("each line is on disk before the next message is handled: SIGKILL loses nothing already received")
                    .sent("20 messages, then \"last\"; SIGKILL once \"last\" was printed")
                    .expected("the 20 messages in the log, in order")
                    .got(logged.size() + " lines: " + Report.show(logged))
                    .hint("write (and flush) each line as it comes; a BufferedWriter that is never flushed loses its buffer")
                    .error();
        }
    }

    @Test
    @Enforces(Rule.L6)
    @DisplayName("never mixes the lines of two clients writing at the same time")
    void keepsConcurrentLinesWhole() throws Exception {
        Path busyLog = scratch.resolve("busy.log");
        LessonProcess other = start(List.of("--log", busyLog.toString()));
        String padding = "x".repeat(3000);
        try (Client a = Client.connect(other.uri()); Client b = Client.connect(other.uri())) {
            Thread writer = new Thread(() -> IntStream.range(0, AT_ONCE).forEach(i -> a.send("A " + i + " " + padding)));
            writer.start();
            IntStream.range(0, AT_ONCE).forEach(i -> b.send("B " + i + " " + padding));
            writer.join(10_000);
            awaitLines(busyLog, 2 * AT_ONCE);
        }
        List<String> logged = messages(busyLog);
        List<String> expectedA = IntStream.range(0, AT_ONCE).mapToObj(i -> "A " + i + " " + padding).toList();
        List<String> expectedB = IntStream.range(0, AT_ONCE).mapToObj(i -> "B " + i + " " + padding).toList();
        List<String> gotA = new ArrayList<>(logged.stream().filter(l -> l.startsWith("A ")).toList());
        List<String> gotB = new ArrayList<>(logged.stream().filter(l -> l.startsWith("B ")).toList());
        if (logged.size() != 2 * AT_ONCE || !gotA.equals(expectedA) || !gotB.equals(expectedB)) {
            throw Report.of("lines from clients that write at the same time never mix")
                    .sent(AT_ONCE + " messages of 3 KB from each of two clients, at the same time")
                    .expected(2 * AT_ONCE + " whole lines, each client's in the order it sent them")
                    .got(logged.size() + " lines, " + gotA.size() + " whole from the first client and "
                            + gotB.size() + " from the second")
                    .hint("two clients' messages are handled on two threads: make the method that appends synchronized")
                    .error();
        }
    }

    /** Sends {@code message} and expects {@code expected} as the log's last message, with a valid timestamp. */
    private void assertLogged(LessonProcess target, Path logFile, String message, String expected) {
        try (Client client = Client.connect(target.uri())) {
            client.send(message);
            try {
                await().atMost(REPLY_LIMIT).pollInterval(Duration.ofMillis(50))
                        .until(() -> lines(logFile).stream().anyMatch(l -> l.endsWith("\t" + expected)));
            } catch (ConditionTimeoutException e) {
                throw Report.of(FORMAT)
                        .sent(Report.show(message))
                        .expected("a line ending in " + Report.show("\t" + expected) + " in " + logFile.getFileName())
                        .got(Files.exists(logFile) ? "the log ends with " + Report.show(tail(logFile)) : "no file " + logFile)
                        .error();
            }
        }
        String line = lines(logFile).stream().filter(l -> l.endsWith("\t" + expected)).reduce((a, b) -> b).orElseThrow();
        String stamp = line.substring(0, line.indexOf('\t'));
        try {
            OffsetDateTime time = OffsetDateTime.parse(stamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (Duration.between(time, OffsetDateTime.now()).abs().toMinutes() > 2) {
                throw Report.of(FORMAT).sent(Report.show(message)).expected("the time the message arrived")
                        .got(Report.show(stamp)).error();
            }
        } catch (DateTimeParseException e) {
            throw Report.of(FORMAT)
                    .sent(Report.show(message))
                    .expected("an ISO-8601 timestamp with its zone, like 2026-11-24T19:30:00.123+01:00")
                    .got(Report.show(line))
                    .hint("OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)")
                    .error();
        }
    }

    private static List<String> messages(Path logFile) {
        return lines(logFile).stream().map(l -> l.substring(l.indexOf('\t') + 1)).toList();
    }

    private static void awaitLines(Path logFile, int count) {
        try {
            await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                    .until(() -> lines(logFile).size() >= count);
        } catch (ConditionTimeoutException e) {
            // reported by the caller, with what the log holds
        }
    }

    private static List<String> tail(Path logFile) {
        List<String> all = lines(logFile);
        return all.subList(Math.max(0, all.size() - 3), all.size());
    }

    private static List<String> lines(Path logFile) {
        return BoundedLines.of(logFile);
    }
}
