package wslab.checks.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import wslab.checks.harness.Client;
import wslab.checks.harness.LessonProcess;
import wslab.checks.harness.Page;
import wslab.checks.harness.Report;

/** RULES.md, rules E1 to E4 (echo): everything receiver prints, and every text message goes back to its sender. */
public abstract class EchoRules extends ReceiverRules {

    private static final String RULE = "every text message is sent back, unchanged, to the client that sent it";
    /**
     * Messages each of two clients sends at once: enough that the server handles both connections at the
     * same time (on two of its threads), so that state shared between connections shows.
     */
    private static final int AT_ONCE = 300;
    /**
     * Rounds of the two clients writing at once: a reply sent to a field every connection shares goes astray
     * only when the server's two worker threads run at the same moment, which a busy machine makes rarer.
     */
    private static final int ROUNDS = 10;

    @Override
    protected void assertServes(LessonProcess server) {
        // Whether it still answers this client; an echo that broadcasts may first pass on what others sent.
        String probe = "still there?";
        try (Client client = connect().ignoring(text -> !text.equals(probe))) {
            assertEchoes(client, probe);
        }
    }

    @Test
    @Enforces(Rule.E1)
    @BasicRule
    @DisplayName("sends a text message back unchanged")
    void echoesMessage() {
        try (Client client = connect()) {
            assertEchoes(client, "hello, echo");
        }
    }

    @Test
    @Enforces(Rule.E1)
    @DisplayName("echoes Unicode text unchanged (accents, emoji, other scripts)")
    void echoesUnicode() {
        try (Client client = connect()) {
            assertEchoes(client, UNICODE);
        }
    }

    @Test
    @Enforces(Rule.E1)
    @DisplayName("echoes white space and line breaks unchanged")
    void echoesWhiteSpace() {
        try (Client client = connect()) {
            assertEchoes(client, "  two spaces before, a tab after\t");
            assertEchoes(client, "line one\nline two\r\n");
        }
    }

    @Test
    @Enforces(Rule.E1)
    @DisplayName("echoes a 64 KiB message unchanged")
    void echoesLongMessage() {
        try (Client client = connect()) {
            assertEchoes(client, longMessage());
        }
    }

    @Test
    @Enforces(Rule.E2)
    @DisplayName("sends the reply only to the client that sent the message")
    void repliesOnlyToSender() {
        try (Client sender = connect(); Client other = connect()) {
            assertEchoes(sender, "just for me");
            List<String> leaked = receivedBeforeOwnEcho(other);
            if (!leaked.isEmpty()) {
                throw Report.of("the reply goes only to the client that sent the message")
                        .sent("\"just for me\" from one client, with a second client connected; then a message from the second")
                        .expected("nothing for the second client but the echo of its own message")
                        .got("the second client received " + Report.show(leaked))
                        .hint("reply with client.send(message), on the connection onMessage is given; broadcast(...) sends to every client")
                        .error();
            }
        }
    }

    @Test
    @Enforces(Rule.E3)
    @DisplayName("echoes 100 messages sent at once, in the order they were sent")
    void echoesInOrder() {
        List<String> sent = IntStream.rangeClosed(1, 100).mapToObj(i -> "message " + i).toList();
        try (Client client = connect()) {
            sent.forEach(client::send);
            List<String> received = receive(client, sent.size());
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
    @Enforces({Rule.E2, Rule.E3})
    @DisplayName("echoes to two clients writing at once, each only its own messages, in order")
    void echoesToClientsWritingAtOnce() {
        try (Client first = connect(); Client second = connect()) {
            for (int round = 1; round <= ROUNDS; round++) {
                String tag = " (round " + round + " of " + ROUNDS + ")";
                List<String> fromFirst = IntStream.rangeClosed(1, AT_ONCE)
                        .mapToObj(i -> "first client, message " + i + tag).toList();
                List<String> fromSecond = IntStream.rangeClosed(1, AT_ONCE)
                        .mapToObj(i -> "second client, message " + i + tag).toList();
                for (int i = 0; i < fromFirst.size(); i++) {
                    first.send(fromFirst.get(i));
                    second.send(fromSecond.get(i));
                }
                List<String> toFirst = receive(first, fromFirst.size());
                List<String> toSecond = receive(second, fromSecond.size());
                if (!toFirst.equals(fromFirst) || !toSecond.equals(fromSecond)) {
                    settle(first, second);
                    // every client getting many of the other's: a broadcast; a few going astray: a shared field
                    boolean everyoneGetsAll = toFirst.stream().filter(fromSecond::contains).count() >= AT_ONCE / 10
                            && toSecond.stream().filter(fromFirst::contains).count() >= AT_ONCE / 10;
                    throw Report.of(RULE + ", and only to it, in order, however many clients write at the same time")
                            .sent(AT_ONCE + " messages from each of two clients, both writing at once" + tag)
                            .expected("each client gets back its own " + AT_ONCE + " messages, in order, and none of the other's")
                            .got(describe("the first client", toFirst, fromFirst, fromSecond) + "; "
                                    + describe("the second", toSecond, fromSecond, fromFirst))
                            .hint(everyoneGetsAll
                                    ? "each client got many of the other's messages: reply with client.send(message), on "
                                            + "the connection onMessage is given, not broadcast(...), which sends to every client"
                                    : "some replies went astray: reply with client.send(message), on the connection onMessage "
                                            + "is given; a field shared by every connection (such as the last sender) is "
                                            + "overwritten by the other client's message")
                            .error();
                }
            }
        }
    }

    /**
     * Waits, at most the reply limit in all, until the server has handled everything {@code clients} sent:
     * each sends one more message and reads until its echo, which comes after the replies to what it sent
     * before. A check that fails half-way then leaves the server no backlog of replies that, sent to every
     * client, would reach the next check's client sooner or later, as the machine is busy or not.
     */
    private static void settle(Client... clients) {
        long deadline = System.nanoTime() + REPLY_LIMIT.toNanos();
        List<String> last = new ArrayList<>();
        for (Client client : clients) {
            last.add("the last message of client " + (last.size() + 1) + ", " + System.nanoTime());
            try {
                client.send(last.get(last.size() - 1));
            } catch (org.java_websocket.exceptions.WebsocketNotConnectedException e) {
                // the server closed this connection: nothing more comes on it
            }
        }
        for (int i = 0; i < clients.length; i++) {
            while (clients[i].isOpen()) {
                long left = deadline - System.nanoTime();
                Optional<String> next = left > 0 ? clients[i].next(Duration.ofNanos(left)) : Optional.empty();
                if (next.isEmpty() || next.get().equals(last.get(i))) {
                    break;
                }
            }
        }
    }

    /** What one client got back: how many of its own messages, how many of the other's, and the first few. */
    private static String describe(String who, List<String> got, List<String> own, List<String> others) {
        if (got.equals(own)) {
            return who + " got its " + own.size() + " messages back, in order";
        }
        long mine = got.stream().filter(own::contains).count();
        long theirs = got.stream().filter(others::contains).count();
        return who + " got " + got.size() + " messages (" + mine + " of its own, " + theirs + " of the other's"
                + (mine == own.size() && theirs == 0 ? ", out of order" : "") + "): " + Report.show(got);
    }

    /** The next {@code count} messages {@code client} gets, or fewer if one is not there within the reply limit. */
    private static List<String> receive(Client client, int count) {
        List<String> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<String> reply = client.next(REPLY_LIMIT);
            if (reply.isEmpty()) {
                break;
            }
            received.add(reply.get());
        }
        return received;
    }

    @Test
    @Enforces(Rule.E4)
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

    /**
     * What {@code client} was sent before the echo of a message it sends now: what the server sent it earlier
     * (another client's reply gone astray, a welcome meant for another). It waits for that echo, at most the
     * reply limit, not for a fixed time: the server sends a connection its messages in order, so whatever it
     * had queued for this client before it echoes comes first, however late a busy machine delivers it (only a
     * server thread stalled half-way through its sends, for longer than the echo's round trip, would be missed);
     * and a correct server is not waited on.
     */
    protected List<String> receivedBeforeOwnEcho(Client client) {
        String probe = "anything else for me? " + System.nanoTime();
        client.send(probe);
        List<String> before = new ArrayList<>();
        long deadline = System.nanoTime() + REPLY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> next = client.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (next.isEmpty() || next.get().equals(probe)) {
                break;
            }
            before.add(next.get());
        }
        return before;
    }

    /** Sends {@code message} and expects exactly it back. */
    protected void assertEchoes(Client client, String message) {
        client.send(message);
        Optional<String> reply = client.next(REPLY_LIMIT);
        if (!reply.equals(Optional.of(message))) {
            throw Report.of(RULE)
                    .sent(Report.show(message))
                    .expected(Report.show(message))
                    .got(reply.map(Report::show).orElseGet(() -> client.nothing(REPLY_LIMIT)))
                    .hint(reply.isEmpty() ? "nothing came back: in onMessage, send it back with client.send(message)"
                            : "another text came back: send message itself, unchanged (nothing added, trimmed or re-encoded)")
                    .error();
        }
    }
}
