package wslab.checks.rules;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import wslab.checks.harness.Client;
import wslab.checks.harness.Page;
import wslab.checks.harness.Report;

/** RULES.md, rules W1 to W3 (quiz 2): the echo bot's rules (EchoRules), and the welcome. */
public abstract class WelcomeRules extends EchoRules {

    private static final String RULE = "on every new connection the server first sends that client one welcome message";

    /** Every connection starts with the welcome; the echo checks begin after it. */
    @Override
    protected Client connect() {
        Client client = Client.connect(server.uri());
        expectWelcome(client, "a new connection");
        return client;
    }

    /** The lesson's own rule: a new client is welcomed. */
    @Override
    public void assertLessonWorks() {
        connect().close();
    }

    @Test
    @Enforces(Rule.W1)
    @DisplayName("greets a new client with a welcome before anything else")
    void welcomesFirst() {
        try (Client client = Client.connect(server.uri())) {
            client.send("am I welcome?");
            String welcome = expectWelcome(client, "a new connection, then at once \"am I welcome?\"");
            if (welcome.equals("am I welcome?")) {
                throw Report.of(RULE + ", before anything else")
                        .sent("a new connection, then at once \"am I welcome?\"")
                        .expected("a welcome first, then the echo")
                        .got("the echo first")
                        .error();
            }
            assertNext(client, "am I welcome?", "the echo, after the welcome");
        }
    }

    @Test
    @Enforces(Rule.W2)
    @BasicRule
    @DisplayName("sends the welcome only to the new client")
    void welcomesOnlyNewClient() {
        try (Client first = connect()) {
            try (Client second = connect()) {
                // all the first client was sent by then comes before the echo of what it sends now
                List<String> extra = receivedBeforeOwnEcho(first);
                if (!extra.isEmpty()) {
                    throw Report.of("only the new client gets the welcome")
                            .sent("a second connection, while the first is open, then a message from the first")
                            .expected("nothing for the first client but the echo of its message")
                            .got("the first client received " + Report.show(extra))
                            .hint("send the welcome with client.send(...) in onOpen, not broadcast(...)")
                            .error();
                }
            }
        }
    }

    @Test
    @Enforces(Rule.W3)
    @DisplayName("the page shows the welcome as soon as it connects")
    void pageShowsWelcome() {
        try (Page page = openPage(page())) {
            if (page.awaitReceived(message -> !message.isBlank()).isEmpty()) {
                confirmOverWire(page.failure(Report.of(RULE)
                        .sent("nothing: the page, opened")
                        .expected("a welcome in the page's log")
                        .got("received on the page: " + Report.show(page.received()))), () -> connect().close());
            }
        }
    }

    @Test
    @Enforces(Rule.W2)
    @DisplayName("sends exactly one welcome")
    void welcomesOnce() {
        try (Client client = connect()) {
            client.send("after the welcome");
            assertNext(client, "after the welcome", "the echo, and no second welcome");
        }
    }

    private String expectWelcome(Client client, String sent) {
        Optional<String> welcome = client.next(REPLY_LIMIT);
        if (welcome.isEmpty() || welcome.get().isBlank()) {
            throw Report.of(RULE + " (non-empty text of your choosing)")
                    .sent(sent)
                    .expected("a welcome message")
                    .got(welcome.map(Report::show).orElseGet(() -> client.nothing(REPLY_LIMIT)))
                    .hint("send it in onOpen, on the new client's connection")
                    .error();
        }
        return welcome.get();
    }

    private void assertNext(Client client, String expected, String what) {
        Optional<String> next = client.next(REPLY_LIMIT);
        if (!next.equals(Optional.of(expected))) {
            throw Report.of(RULE + ", then echoes as before")
                    .sent(Report.show(expected))
                    .expected(what + ": " + Report.show(expected))
                    .got(next.map(Report::show).orElseGet(() -> client.nothing(REPLY_LIMIT)))
                    .error();
        }
    }
}
