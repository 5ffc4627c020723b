package wslab.checks.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import wslab.checks.harness.Client;
import wslab.checks.harness.LessonProcess;
import wslab.checks.harness.Page;
import wslab.checks.harness.Report;

/**
 * RULES.md, rules S1 to S7 (simon): a game per connection; {@code Simon Says:<number>} with n digits, one more digit
 * after each right answer, {@code GAME OVER} and a new game at one digit after a wrong one.
 */
public abstract class SimonRules extends EveryLessonRules {

    /** How far the eight games played at once go. */
    private static final int GAMES_AT_ONCE_DIGITS = 60;

    private static final Pattern SAYS = Pattern.compile("Simon Says: ?(\\d+)");

    @Override
    protected void assertServes(LessonProcess server) {
        try (Client client = Client.connect(server.uri())) {
            expectNumber(client, 1, "a new connection");
        }
    }

    /** The lesson's own rule: the game goes on, a right answer bringing a longer number. */
    @Override
    public void assertLessonWorks() {
        try (Client client = Client.connect(server.uri(pageHost()))) {
            String number = expectNumber(client, 1, "a new connection");
            client.send(number);
            expectNumber(client, 2, "the right answer, " + Report.show(number));
        }
    }

    @Test
    @Enforces(Rule.S1)
    @DisplayName("starts every new connection with a 1-digit number")
    void startsAtOneDigit() {
        try (Client client = Client.connect(server.uri())) {
            expectNumber(client, 1, "a new connection");
        }
    }

    @Test
    @Enforces({Rule.S2, Rule.S3})
    @BasicRule
    @DisplayName("adds one digit after each right answer")
    void growsAfterRightAnswer() {
        try (Client client = Client.connect(server.uri())) {
            String number = expectNumber(client, 1, "a new connection");
            for (int digits = 2; digits <= 6; digits++) {
                client.send(number);
                number = expectNumber(client, digits, "the right answer, " + Report.show(number));
            }
        }
    }

    @Test
    @Enforces(Rule.S3)
    @DisplayName("ignores white space around an answer")
    void ignoresWhiteSpace() {
        try (Client client = Client.connect(server.uri())) {
            String number = expectNumber(client, 1, "a new connection");
            String answer = "  " + number + " \n";
            client.send(answer);
            expectNumber(client, 2, "the right answer with white space around it, " + Report.show(answer));
        }
    }

    @Test
    @Enforces(Rule.S4)
    @DisplayName("answers a wrong number with GAME OVER, then starts again at 1 digit")
    void gameOverOnWrongAnswer() {
        try (Client client = Client.connect(server.uri())) {
            String number = expectNumber(client, 1, "a new connection");
            client.send(number);
            String second = expectNumber(client, 2, "the right answer");
            String wrong = second.equals("99") ? "98" : "99";
            client.send(wrong);
            expect(client, "GAME OVER", "a wrong answer, " + Report.show(wrong) + " for " + Report.show(second));
            expectNumber(client, 1, "a wrong answer (after GAME OVER a new game starts at once)");
        }
    }

    @Test
    @Enforces(Rule.S4)
    @DisplayName("answers text that is not a number with GAME OVER")
    void gameOverOnText() {
        try (Client client = Client.connect(server.uri())) {
            expectNumber(client, 1, "a new connection");
            client.send("banana");
            expect(client, "GAME OVER", "an answer that is not a number, \"banana\"");
            expectNumber(client, 1, "a wrong answer (after GAME OVER a new game starts at once)");
        }
    }

    @Test
    @Enforces(Rule.S5)
    @DisplayName("keeps each connection's game separate")
    void gamesArePerConnection() {
        try (Client first = Client.connect(server.uri())) {
            String number = expectNumber(first, 1, "a new connection");
            first.send(number);
            number = expectNumber(first, 2, "the right answer");
            first.send(number);
            number = expectNumber(first, 3, "the right answer");
            try (Client second = Client.connect(server.uri())) {
                expectNumber(second, 1, "a second connection, while the first is at 3 digits");
                second.send("0");
                expect(second, "GAME OVER", "a wrong answer on the second connection");
            }
            first.send(number);
            expectNumber(first, 4, "the right answer on the first connection, after the second lost its game");
        }
    }

    @Test
    @Enforces(Rule.S6)
    @DisplayName("plays on to 40 digits, more than a long can hold")
    void reachesFortyDigits() {
        try (Client client = Client.connect(server.uri())) {
            String number = expectNumber(client, 1, "a new connection");
            for (int digits = 2; digits <= 40; digits++) {
                client.send(number);
                number = expectNumber(client, digits, "the right answer, " + Report.show(number));
            }
        }
    }

    @Test
    @Enforces(Rule.S5)
    @DisplayName("plays eight games at once, each to 60 digits, without mixing them up")
    void playsGamesAtOnce() {
        List<Client> clients = new ArrayList<>();
        try {
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                clients.add(Client.connect(server.uri()));
                numbers.add(expectNumber(clients.get(i), 1, "a new connection, one of eight"));
            }
            // Long numbers, many rounds: a buffer shared by the connections is caught in the act on every run.
            for (int digits = 2; digits <= GAMES_AT_ONCE_DIGITS; digits++) {
                for (int i = 0; i < clients.size(); i++) {
                    clients.get(i).send(numbers.get(i));
                }
                for (int i = 0; i < clients.size(); i++) {
                    numbers.set(i, expectNumber(clients.get(i), digits, "the right answer, " + Report.show(numbers.get(i))
                            + ", on one of eight connections that all answered at the same moment (state shared "
                            + "between connections, such as one buffer or one game for all?)"));
                }
            }
        } finally {
            clients.forEach(Client::close);
        }
    }

    @Test
    @Enforces(Rule.S2)
    @DisplayName("picks its numbers at random")
    void picksAtRandom() {
        try (Client one = Client.connect(server.uri()); Client two = Client.connect(server.uri())) {
            String a = play(one, 8);
            String b = play(two, 8);
            if (a.equals(b)) {
                throw Report.of("the number is a random integer of exactly n digits")
                        .sent("two games played to 8 digits")
                        .expected("two different 8-digit numbers")
                        .got("the same number twice, " + Report.show(a))
                        .hint("pick every digit with a Random; do not reuse a fixed sequence or seed")
                        .error();
            }
        }
    }

    /** The host the Simon page connects to. */
    protected String pageHost() {
        return "127.0.0.1";
    }

    @Test
    @Enforces(Rule.S7)
    @DisplayName("the Simon page shows a number, and the right answer typed there brings one digit more")
    void pagePlays() {
        try (Page page = openPage("simon.html", pageHost(), "&hide=0")) {
            Optional<String> first = page.awaitText("digits", "1"::equals);
            String number = page.attribute("number", "data-number");
            if (first.isEmpty() || !number.matches("[1-9]")) {
                throw page.failure(Report.of("on a new connection a game starts: the server sends \"Simon Says:<number>\" with 1 digit")
                        .sent("the Simon page, opened")
                        .expected("the page shows a 1-digit number")
                        .got("#digits " + Report.show(page.text("digits")) + ", number " + Report.show(number)));
            }
            page.answer(number);
            if (page.awaitText("digits", "2"::equals).isEmpty()) {
                confirmOverWire(page.failure(Report.of("a right answer brings a number one digit longer")
                        .sent(Report.show(number) + ", typed in the answer field")
                        .expected("the page shows a 2-digit number")
                        .got("#digits " + Report.show(page.text("digits")) + ", received " + Report.show(page.received()))),
                        () -> {
                            try (Client client = Client.connect(server.uri(pageHost()))) {
                                client.send(expectNumber(client, 1, "a new connection"));
                                expectNumber(client, 2, "the right answer");
                            }
                        });
            }
        }
    }

    private String play(Client client, int digits) {
        String number = expectNumber(client, 1, "a new connection");
        for (int n = 2; n <= digits; n++) {
            client.send(number);
            number = expectNumber(client, n, "the right answer");
        }
        return number;
    }

    /** Expects {@code Simon Says:<number>} with exactly {@code digits} digits, no leading zero. */
    protected String expectNumber(Client client, int digits, String after) {
        Optional<String> message = client.next(REPLY_LIMIT);
        Matcher m = SAYS.matcher(message.orElse(""));
        String number = m.matches() ? m.group(1) : "";
        if (number.length() != digits || number.startsWith("0")) {
            throw Report.of("the server sends \"Simon Says:<number>\", a random integer of exactly n digits with no leading zero; "
                            + "n starts at 1 and grows by one after each right answer")
                    .sent(after)
                    .expected("\"Simon Says: \" and a " + digits + "-digit number")
                    .got(message.map(Report::show).orElseGet(() -> client.nothing(REPLY_LIMIT)))
                    .hint(digits > 18 ? "a long holds at most 18 digits safely: build the number as text, or use BigInteger" : "")
                    .error();
        }
        return number;
    }

    private void expect(Client client, String text, String after) {
        Optional<String> message = client.next(REPLY_LIMIT);
        if (!message.equals(Optional.of(text))) {
            throw Report.of("any answer other than the number gets GAME OVER")
                    .sent(after)
                    .expected(Report.show(text))
                    .got(message.map(Report::show).orElseGet(() -> client.nothing(REPLY_LIMIT)))
                    .error();
        }
    }
}
