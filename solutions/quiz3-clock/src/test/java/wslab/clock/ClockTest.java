package wslab.clock;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import wslab.selfcheck.BasicRule;
import wslab.selfcheck.Client;
import wslab.selfcheck.EchoRules;
import wslab.selfcheck.LessonProcess;
import wslab.selfcheck.Page;
import wslab.selfcheck.Report;
import wslab.selfcheck.StandsAlone;

/** Quiz 3's checks: the echo bot's rules (EchoRules), and the clock's ticks. */
@DisplayName("quiz3-clock")
class ClockTest extends EchoRules {

    private static final int INTERVAL = 200;
    private static final String RULE = "every --interval milliseconds the server sends the current time, as an ISO-8601 "
            + "date-time, to every connected client";

    /** What the two checks with servers of their own found, listening in the background. */
    private CompletableFuture<Optional<String>> firstTick;
    private CompletableFuture<List<OffsetDateTime>> defaultTicks;

    @Override
    protected List<String> startArguments() {
        return List.of("--interval", String.valueOf(INTERVAL));
    }

    @Override
    protected String page() {
        return "clock.html";
    }

    @Test
    @DisplayName("the clock page shows the latest time, tick after tick")
    void pageShowsTime() {
        try (Page page = openPage(page())) {
            Optional<String> ticks = page.awaitText("ticks", t -> t.matches("\\d+") && Integer.parseInt(t) >= 3);
            String time = page.text("time");
            if (ticks.isEmpty() || !isTime(time)) {
                throw page.failure(Report.of(RULE + "; the page shows the latest")
                        .sent("nothing: the clock page, opened, with --interval " + INTERVAL)
                        .expected("#ticks counting up to 3 within 5 s, and #time showing a date-time")
                        .got("#ticks " + Report.show(page.text("ticks")) + ", #time " + Report.show(time)));
            }
        }
    }

    /** The echo checks skip the ticks. */
    @Override
    protected Client connect() {
        return Client.connect(server.uri()).ignoring(ClockTest::isTime);
    }

    /** The lesson's own rule: ticks arrive. */
    @Override
    protected void assertLessonWorks() {
        try (Client client = Client.connect(server.uri())) {
            expectTick(client, "a new client");
        }
    }

    @Test
    @DisplayName("sends the current time as an ISO-8601 date-time, every --interval ms")
    void ticks() {
        try (Client client = Client.connect(server.uri())) {
            List<String> ticks = client.collect(Duration.ofMillis(INTERVAL * 6L));
            List<String> times = ticks.stream().filter(ClockTest::isTime).toList();
            if (times.size() < 3 || times.size() > 9 || times.size() != ticks.size()) {
                throw Report.of(RULE)
                        .sent("nothing, for " + INTERVAL * 6 + " ms, with --interval " + INTERVAL)
                        .expected("about 6 date-times, like " + OffsetDateTime.now())
                        .got(Report.show(ticks))
                        .error();
            }
            for (String time : times) {
                if (Duration.between(parse(time), OffsetDateTime.now()).abs().toSeconds() > 5) {
                    throw Report.of(RULE).sent("nothing").expected("the current time, " + OffsetDateTime.now())
                            .got(Report.show(time)).hint("a time without a zone is read as the server's local time").error();
                }
            }
        }
    }

    @Test
    @DisplayName("sends a new client its first tick within one interval")
    void firstTickWithinInterval() {
        Optional<String> first = result(firstTick);
        if (first.isEmpty() || !isTime(first.get())) {
            throw Report.of("the first tick reaches a new client within one interval of its connecting")
                    .sent("a new connection, with --interval 1000")
                    .expected("a date-time within 1 s")
                    .got(first.map(Report::show).orElse("nothing within 1.4 s"))
                    .error();
        }
    }

    @Test
    @DisplayName("ticks every 1000 ms when --interval is not given")
    void defaultInterval() {
        List<OffsetDateTime> arrivals = result(defaultTicks);
        long gap = arrivals.size() == 3 ? Duration.between(arrivals.get(1), arrivals.get(2)).toMillis() : -1;
        if (gap < 700 || gap > 1300) {
            throw Report.of("--interval defaults to 1000 ms")
                    .sent("no --interval")
                    .expected("ticks about 1000 ms apart")
                    .got(arrivals.size() < 3 ? arrivals.size() + " ticks in 4.5 s" : "ticks " + gap + " ms apart")
                    .error();
        }
    }

    /**
     * The two checks above need servers of their own, ticking every second: those start, and their
     * clients listen, as soon as the lesson's checks begin, so that their seconds of waiting overlap the
     * other checks instead of adding to them.
     */
    @BeforeAll
    void startOwnClocks() {
        firstTick = inBackground(() -> {
            LessonProcess slow = start(List.of("--interval", "1000"));
            try (Client client = Client.connect(slow.uri())) {
                return client.next(Duration.ofMillis(1000 + 400));
            }
        });
        defaultTicks = inBackground(() -> {
            LessonProcess plain = start(List.of());
            try (Client client = Client.connect(plain.uri())) {
                List<OffsetDateTime> arrivals = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    client.next(Duration.ofMillis(1500)).filter(ClockTest::isTime).ifPresent(t -> arrivals.add(OffsetDateTime.now()));
                }
                return arrivals;
            }
        });
    }

    private static <T> CompletableFuture<T> inBackground(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | AssertionError e) {
                result.completeExceptionally(e);
            }
        }, "quiz3-own-clock");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** What a background check found (it takes at most some 20 s: a server start, then a few seconds). */
    private static <T> T result(CompletableFuture<T> found) {
        try {
            return found.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError failure) {
                throw failure;
            }
            throw (RuntimeException) e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the server of its own did not answer within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Test
    @BasicRule
    @DisplayName("sends ticks to every client, whenever it joined")
    void ticksToEveryClient() {
        try (Client early = Client.connect(server.uri())) {
            expectTick(early, "the first client");
            try (Client late = Client.connect(server.uri())) {
                expectTick(late, "a client that joined later");
                early.drain(); // the ticks it got before the second client joined say nothing about after
                expectTick(early, "the first client, after the second joined");
            }
        }
    }

    @Test
    @DisplayName("keeps ticking for the others after a client leaves, and prints no error")
    void survivesLeavingClient() {
        try (Client staying = Client.connect(server.uri())) {
            Client leaving = Client.connect(server.uri());
            expectTick(leaving, "the client about to leave");
            int errors = server.stderr().size();
            leaving.drop();
            for (int i = 0; i < 5; i++) {
                expectTick(staying, "the client that stayed, tick " + (i + 1) + " after the other left");
            }
            List<String> printed = server.stderr().linesFrom(errors);
            if (!printed.isEmpty()) {
                throw Report.of("a client that left gets nothing more, and its leaving logs no error")
                        .sent("a client that drops its connection")
                        .expected("nothing on stderr")
                        .got(Report.show(printed))
                        .error();
            }
        }
    }

    @Test
    @StandsAlone
    @DisplayName("refuses an --interval that is not a positive number, with exit status 2")
    void refusesBadInterval() {
        assertRefused(List.of("--port", String.valueOf(LessonProcess.freePort()), "--interval", "soon"), 2,
                "a bad option value prints a one-line usage message on stderr and exits with status 2");
    }

    private static void expectTick(Client client, String who) {
        long deadline = System.nanoTime() + Duration.ofMillis(INTERVAL * 3L).toNanos();
        Optional<String> tick = Optional.empty();
        while (tick.isEmpty() && client.isOpen() && System.nanoTime() < deadline) {
            tick = client.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).filter(ClockTest::isTime);
        }
        if (tick.isEmpty()) {
            throw Report.of(RULE)
                    .sent("nothing; waiting as " + who)
                    .expected("a date-time within " + INTERVAL * 3 + " ms (--interval " + INTERVAL + ")")
                    .got("nothing")
                    .hint("no tick came: in onStart, schedule tick() every intervalMillis (clock.scheduleAtFixedRate), and "
                            + "send the time to every client there; an exception in the timer's task stops every tick after "
                            + "it: catch it, or use broadcast(...)")
                    .error();
        }
    }

    static boolean isTime(String text) {
        try {
            parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static OffsetDateTime parse(String text) {
        try {
            return OffsetDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text.strip()).atZone(java.time.ZoneId.systemDefault()).toOffsetDateTime();
        }
    }
}
