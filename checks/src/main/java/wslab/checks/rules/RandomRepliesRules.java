package wslab.checks.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import wslab.checks.harness.Client;
import wslab.checks.harness.LessonProcess;
import wslab.checks.harness.Page;
import wslab.checks.harness.Report;

/** RULES.md, rules F1 to F4 (quiz 4): replies drawn at random from the replies file. */
public abstract class RandomRepliesRules extends EveryLessonRules {

    private static final List<String> REPLIES = List.of("Yes.", "No.", "Ask me later. 🎱");
    private static final String FILE = "# a comment, never a reply\n\nYes.\n   \nNo.\n#No comment.\nAsk me later. 🎱\n";
    private static final String RULE = "the server answers every text message with one entry picked at random from the replies file";

    private Path replies() {
        return scratch.resolve("replies.txt");
    }

    /** The replies file, written the first time a server is started with it. */
    @Override
    public List<String> startArguments() {
        try {
            if (Files.notExists(replies())) {
                Files.writeString(replies(), FILE, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return List.of("--replies", replies().toString());
    }

    /** A server may read its replies before it binds: a bad option or a taken port is refused with a good file. */
    @Override
    protected List<String> refusalArguments() {
        return startArguments();
    }

    @Override
    protected void assertServes(LessonProcess server) {
        try (Client client = Client.connect(server.uri())) {
            ask(client, "still there?");
        }
    }

    @Test
    @Enforces(Rule.F1)
    @BasicRule
    @DisplayName("answers every message with an entry of the replies file, never a comment or a blank line")
    void repliesFromFile() {
        try (Client client = Client.connect(server.uri())) {
            for (int i = 0; i < 20; i++) {
                ask(client, "question " + i);
            }
        }
    }

    @Test
    @Enforces(Rule.F4)
    @DisplayName("the page shows a reply from the file to a message typed there")
    void pageShowsReply() {
        try (Page page = openPage("messages.html")) {
            page.send("Will it work?");
            if (page.awaitReceived(REPLIES::contains).isEmpty()) {
                confirmOverWire(page.failure(Report.of(RULE)
                        .sent("\"Will it work?\", typed in the page's message box and sent")
                        .expected("one of " + Report.show(REPLIES) + " in the page's log")
                        .got("received on the page: " + Report.show(page.received()))), () -> assertServes(server));
            }
        }
    }

    @Test
    @Enforces(Rule.F2)
    @DisplayName("picks each entry about as often as the others")
    void picksUniformly() {
        List<String> answers = new ArrayList<>();
        try (Client client = Client.connect(server.uri())) {
            for (int i = 0; i < 90; i++) {
                answers.add(ask(client, "question " + i));
            }
        }
        Map<String, Long> counts = answers.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        if (REPLIES.stream().anyMatch(r -> counts.getOrDefault(r, 0L) < 10)) {
            throw Report.of(RULE + " (uniformly)")
                    .sent("90 questions, with 3 replies in the file")
                    .expected("each reply about 30 times (at least 10)")
                    .got(counts.toString())
                    .hint("random.nextInt(replies.size()) picks each index as often as the others")
                    .error();
        }
    }

    @Test
    @Enforces(Rule.F1)
    @DisplayName("reads replies.txt in the working folder when --replies is not given")
    void usesDefaultFile() throws IOException {
        Path workDir = scratch.resolve("default-replies");
        Files.createDirectories(workDir);
        Files.writeString(workDir.resolve("replies.txt"), FILE, StandardCharsets.UTF_8);
        LessonProcess other = launchIn(workDir, List.of("--port", String.valueOf(LessonProcess.freePort())))
                .awaitReady(START_LIMIT);
        try (Client client = Client.connect(other.uri())) {
            ask(client, "which file?");
        }
    }

    @Test
    @Enforces(Rule.F3)
    @StandsAlone
    @DisplayName("a missing replies file: one line on stderr, exit status 1, no ready line")
    void refusesMissingFile() {
        assertNotStarted(List.of("--replies", scratch.resolve("no-such-file.txt").toString()), "a missing replies file");
    }

    @Test
    @Enforces(Rule.F3)
    @StandsAlone
    @DisplayName("a replies file with only comments and blank lines: one line on stderr, exit status 1")
    void refusesEmptyFile() throws IOException {
        Path empty = scratch.resolve("empty.txt");
        Files.writeString(empty, "# nothing to say\n\n   \n", StandardCharsets.UTF_8);
        assertNotStarted(List.of("--replies", empty.toString()), "a replies file with no entry");
    }

    private void assertNotStarted(List<String> args, String what) {
        List<String> all = new ArrayList<>(List.of("--port", String.valueOf(LessonProcess.freePort())));
        all.addAll(args);
        assertRefused(all, 1, "a missing, unreadable or empty replies file prints a one-line error on stderr and exits "
                + "with status 1 before the ready line (" + what + ")");
    }

    private String ask(Client client, String question) {
        client.send(question);
        Optional<String> answer = client.next(REPLY_LIMIT);
        if (answer.isEmpty() || !REPLIES.contains(answer.get())) {
            throw Report.of(RULE + "; blank lines and lines starting with # are skipped")
                    .sent(Report.show(question) + ", with the replies " + Report.show(REPLIES))
                    .expected("one of " + Report.show(REPLIES))
                    .got(answer.map(Report::show).orElseGet(() -> client.nothing(REPLY_LIMIT)))
                    .error();
        }
        return answer.get();
    }
}
