package wslab.checks.rules;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import wslab.checks.harness.Client;
import wslab.checks.harness.LessonProcess;
import wslab.checks.harness.Page;
import wslab.checks.harness.Report;

/** RULES.md, rules R1 to R5 (receiver): print CONNECTED, every text message, and DISCONNECTED, each on its own line. */
public abstract class ReceiverRules extends EveryLessonRules {

    /**
     * How long a console line may take to appear. Longer than a reply's limit: on a machine busy grading a
     * class, a correct server's DISCONNECTED was once seen to miss 3 s (1 lesson in 480).
     */
    protected static final java.time.Duration CONSOLE_LIMIT = java.time.Duration.ofSeconds(6);

    protected static final String UNICODE = "Grüße, señor! 世界 🌍🚀 — ça va? Ελληνικά";

    /** The lesson's page in web/. */
    protected String page() {
        return "messages.html";
    }

    @Test
    @Enforces(Rule.R5)
    @DisplayName("the page connects, and a message typed there is printed by the server")
    void pageMessageIsPrinted() {
        String typed = "typed on the page, <b>as text</b>";
        try (Page page = openPage(page())) {
            int mark = server.stdout().size();
            page.send(typed);
            if (server.stdout().await(mark, typed::equals, REPLY_LIMIT).isEmpty()) {
                throw page.failure(Report.of("for every text message the server prints the message itself, on its own line")
                        .sent(Report.show(typed) + ", typed in the page's message box and sent")
                        .expected("a line " + Report.show(typed) + " on stdout")
                        .got(Report.show(server.stdout().linesFrom(mark))));
            }
        }
    }

    /** Opens a connection as the lesson's page would (a lesson may greet or tick first). */
    protected Client connect() {
        return Client.connect(server.uri());
    }

    @Override
    protected void assertServes(LessonProcess server) {
        String probe = "still serving? " + System.nanoTime();
        try (Client client = connect()) {
            int mark = server.stdout().size();
            client.send(probe);
            assertPrints(mark, probe, "prints every text message it receives", Report.show(probe));
        }
    }

    @Test
    @Enforces(Rule.R1)
    @DisplayName("prints CONNECTED when a client connects")
    void printsConnected() {
        int mark = server.stdout().size();
        try (Client client = connect()) {
            assertPrints(mark, "CONNECTED", "on a new connection the server prints CONNECTED", "a new connection");
        }
    }

    @Test
    @Enforces({Rule.R2, Rule.R4})
    @BasicRule
    @DisplayName("prints a text message it receives, on a line of its own")
    void printsMessage() {
        assertPrintsWhatItReceives("hello, server");
    }

    @Test
    @Enforces(Rule.R2)
    @DisplayName("prints the messages of every client connected at the same time")
    void printsEveryClientsMessages() {
        try (Client first = connect(); Client second = connect()) {
            for (Client client : List.of(first, second, first)) {
                String message = "from the " + (client == first ? "first" : "second") + " client, " + System.nanoTime();
                int mark = server.stdout().size();
                client.send(message);
                assertPrints(mark, message, "for every text message the server prints the message itself, on its own "
                        + "line, whichever client sent it", Report.show(message) + " from one of two clients connected at once");
            }
        }
    }

    @Test
    @Enforces(Rule.R2)
    @DisplayName("prints Unicode text unchanged (accents, emoji, other scripts)")
    void printsUnicode() {
        assertPrintsWhatItReceives(UNICODE);
    }

    @Test
    @Enforces(Rule.R2)
    @DisplayName("prints a 64 KiB message unchanged")
    void printsLongMessage() {
        assertPrintsWhatItReceives(longMessage());
    }

    @Test
    @Enforces(Rule.R3)
    @DisplayName("prints DISCONNECTED when a client closes the connection")
    void printsDisconnected() {
        Client client = connect();
        int mark = server.stdout().size();
        client.close();
        assertPrints(mark, "DISCONNECTED", "when a connection closes the server prints DISCONNECTED",
                "a closing handshake");
    }

    @Test
    @Enforces(Rule.R3)
    @DisplayName("prints DISCONNECTED when a client drops without closing")
    void printsDisconnectedOnDrop() {
        Client client = connect();
        int mark = server.stdout().size();
        client.drop();
        assertPrints(mark, "DISCONNECTED", "when a connection closes the server prints DISCONNECTED",
                "a connection dropped without a closing handshake");
    }

    @Test
    @Enforces(Rule.R4)
    @DisplayName("prints a connection's events in the order they happened")
    void printsInOrder() {
        int mark = server.stdout().size();
        List<String> expected = List.of("CONNECTED", "one", "two", "three", "DISCONNECTED");
        try (Client client = connect()) {
            client.send("one");
            client.send("two");
            client.send("three");
            server.stdout().await(mark, "three"::equals, REPLY_LIMIT);
        }
        // this client's DISCONNECTED comes after its "three" (an earlier check's may come before)
        int three = server.stdout().linesFrom(mark).indexOf("three");
        server.stdout().await(three < 0 ? mark : mark + three + 1, "DISCONNECTED"::equals, CONSOLE_LIMIT);
        List<String> printed = server.stdout().linesFrom(mark).stream().filter(expected::contains)
                .dropWhile(line -> !line.equals("CONNECTED")).toList();
        // an earlier check's connection may print its DISCONNECTED late, among this one's lines: only a
        // DISCONNECTED after "three" can be this connection's
        int lastMessage = printed.lastIndexOf("three");
        List<String> ours = new java.util.ArrayList<>();
        for (int i = 0; i < printed.size(); i++) {
            if (!(printed.get(i).equals("DISCONNECTED") && i < lastMessage)) {
                ours.add(printed.get(i));
            }
        }
        if (!ours.equals(expected)) {
            throw Report.of("CONNECTED, the messages and DISCONNECTED are printed in the order the events happened")
                    .sent("connect, \"one\", \"two\", \"three\", close")
                    .expected(Report.show(expected))
                    .got(Report.show(printed))
                    .error();
        }
    }

    /** 64 KiB of text: letters, digits and a few multi-byte characters. */
    protected static String longMessage() {
        StringBuilder text = new StringBuilder(65536);
        for (int i = 0; text.length() < 65536; i++) {
            text.append(i % 100 == 0 ? "é" : String.valueOf((char) ('a' + i % 26)));
        }
        return text.toString();
    }

    private void assertPrintsWhatItReceives(String message) {
        try (Client client = connect()) {
            int mark = server.stdout().size();
            client.send(message);
            assertPrints(mark, message, "for every text message the server prints the message itself, on its own line",
                    Report.show(message));
        }
    }

    protected void assertPrints(int mark, String line, String rule, String sent) {
        Optional<String> printed = server.stdout().await(mark, line::equals, CONSOLE_LIMIT);
        if (printed.isEmpty()) {
            List<String> lines = server.stdout().linesFrom(mark);
            throw Report.of(rule)
                    .sent(sent)
                    .expected("a line " + Report.show(line) + " on stdout")
                    .got(describe(server, lines))
                    .hint(printHint(line, lines))
                    .error();
        }
    }

    /** What likely went wrong, from what the server printed instead of {@code line}. */
    private String printHint(String line, List<String> lines) {
        String call = switch (line) {
            case "CONNECTED" -> "call System.out.println(\"CONNECTED\") in onOpen";
            case "DISCONNECTED" -> "call System.out.println(\"DISCONNECTED\") in onClose, which runs however the connection ends";
            default -> "call System.out.println(message) in onMessage";
        };
        if (server.stderr().lines().contains(line)) {
            return "it was printed on stderr (System.err): " + call;
        }
        return lines.isEmpty() ? "nothing was printed: " + call
                : "other lines came, not this one: " + call + ", exactly, nothing added";
    }

    private static String describe(LessonProcess server, List<String> lines) {
        String exited = server.exitStatus().stream().mapToObj(s -> ": the server exited, with status " + s).findFirst()
                .orElse(" within " + CONSOLE_LIMIT.toSeconds() + " s");
        return lines.isEmpty() ? "no new line on stdout" + exited : "these lines instead: " + Report.show(lines);
    }
}
