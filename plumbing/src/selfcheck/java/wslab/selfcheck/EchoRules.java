package wslab.selfcheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** LESSONS.md, echo: everything receiver prints, and every text message goes back to its sender. */
public abstract class EchoRules extends ReceiverRules {

    private static final String RULE = "every text message is sent back, unchanged, to the client that sent it";

    @Override
    protected void assertServes(LessonProcess server) {
        try (Client client = connect()) {
            assertEchoes(client, "still there?");
        }
    }

    @Test
    @DisplayName("sends a text message back unchanged")
    void echoesMessage() {
        try (Client client = connect()) {
            assertEchoes(client, "hello, echo");
        }
    }

    @Test
    @DisplayName("echoes Unicode text unchanged (accents, emoji, other scripts)")
    void echoesUnicode() {
        try (Client client = connect()) {
            assertEchoes(client, UNICODE);
        }
    }

    @Test
    @DisplayName("echoes white space and line breaks unchanged")
    void echoesWhiteSpace() {
        try (Client client = connect()) {
            assertEchoes(client, "  two spaces before, a tab after\t");
            assertEchoes(client, "line one\nline two\r\n");
        }
    }

    @Test
    @DisplayName("echoes a 64 KiB message unchanged")
    void echoesLongMessage() {
        try (Client client = connect()) {
            assertEchoes(client, longMessage());
        }
    }

    @Test
    @DisplayName("sends the reply only to the client that sent the message")
    void repliesOnlyToSender() {
        try (Client sender = connect(); Client other = connect()) {
            assertEchoes(sender, "just for me");
            List<String> leaked = other.collect(Duration.ofMillis(700));
            if (!leaked.isEmpty()) {
                throw Report.of("the reply goes only to the client that sent the message")
                        .sent("\"just for me\" from one client, with a second client connected")
                        .expected("nothing for the second client")
                        .got("the second client received " + Report.show(leaked))
                        .hint("reply with conn.send(...) on the sender's connection, not broadcast(...)")
                        .error();
            }
        }
    }

    @Test
    @DisplayName("echoes 100 messages sent at once, in the order they were sent")
    void echoesInOrder() {
        List<String> sent = IntStream.rangeClosed(1, 100).mapToObj(i -> "message " + i).toList();
        try (Client client = connect()) {
            sent.forEach(client::send);
            List<String> received = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                Optional<String> reply = client.next(REPLY_LIMIT);
                if (reply.isEmpty()) {
                    break;
                }
                received.add(reply.get());
            }
            if (!received.equals(sent)) {
                throw Report.of(RULE + ", in order")
                        .sent("\"message 1\" to \"message 100\", without waiting")
                        .expected("the same 100 messages back, in the same order")
                        .got(received.size() + " messages: " + Report.show(received))
                        .error();
            }
        }
    }

    @Test
    @DisplayName("the page shows the reply to a message typed there, as text")
    void pageShowsEcho() {
        String typed = "<b>echo</b> from the page & back";
        try (Page page = openPage(page())) {
            page.send(typed);
            if (page.awaitReceived(typed::equals).isEmpty()) {
                confirmOverWire(page.failure(Report.of(RULE)
                        .sent(Report.show(typed) + ", typed in the page's message box and sent")
                        .expected("the page's log shows " + Report.show(typed) + " received")
                        .got("received on the page: " + Report.show(page.received()))), () -> {
                            try (Client client = connect()) {
                                assertEchoes(client, typed);
                            }
                        });
            }
        }
    }

    /** Sends {@code message} and expects exactly it back. */
    protected void assertEchoes(Client client, String message) {
        client.send(message);
        Optional<String> reply = client.next(REPLY_LIMIT);
        if (!reply.equals(Optional.of(message))) {
            throw Report.of(RULE)
                    .sent(Report.show(message))
                    .expected(Report.show(message))
                    .got(reply.map(Report::show).orElse("nothing within " + REPLY_LIMIT.toSeconds() + " s"))
                    .error();
        }
    }
}
