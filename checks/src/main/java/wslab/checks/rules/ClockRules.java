package wslab.checks.rules;

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
import wslab.checks.harness.Client;
import wslab.checks.harness.LessonProcess;
import wslab.checks.harness.Page;
import wslab.checks.harness.Report;

/** RULES.md, rules T1 to T6 (quiz 3): the echo bot's rules (EchoRules), and the clock's ticks. */
public abstract class ClockRules extends EchoRules {

    private static final int INTERVAL = 200;
    /**
     * How long a check waits for a tick, as for a reply: fifteen intervals, so that a busy machine does not
     * fail a correct server; only a server that does not tick waits it out.
     */
    private static final Duration TICK_LIMIT = REPLY_LIMIT;
    /**
     * The ticks each client must get in the basic check: more than a server sends that ticks once, or once
     * per connection (a {@code schedule} instead of a {@code scheduleAtFixedRate}), however the ticks and
     * the connections interleave. So such a server fails it every time, quiet machine or busy.
     */
    private static final int TICKS = 3;
    private static final String RULE = "every --interval milliseconds the server sends the current time, as an ISO-8601 "
            + "date-time, to every connected client";

    /** What the two checks with servers of their own found, listening in the background. */
    private CompletableFuture<Optional<String>> firstTick;
    private CompletableFuture<List<Long>> defaultTicks;
    /** How long a new client may wait for its first tick with --interval 1000: the interval, and time to spare for a busy machine. */
    private static final Duration FIRST_TICK_LIMIT = Duration.ofMillis(1000 + 1000);
    /** The ticks the default-interval check times, with --interval not given. */
    private static final int DEFAULT_TICKS = 4;

    @Override
    public List<String> startArguments() {
        return List.of("--interval", String.valueOf(INTERVAL));
    }

    @Override
    protected String page() {
        return "clock.html";
    }

    @Test
    @Enforces(Rule.T6)
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
        return Client.connect(server.uri()).ignoring(ClockRules::isTime);
    }

    /** The lesson's own rule: ticks arrive, one after the other. */
    @Override
    public void assertLessonWorks() {
        try (Client client = Client.connect(server.uri())) {
            expectTicks(client, TICKS, "a new client");
        }
    }

    @Test
    @Enforces(Rule.T1)
    @DisplayName("sends the current time as an ISO-8601 date-time, every --interval ms")
    void ticks() {
        try (Client client = Client.connect(server.uri())) {
            // six ticks, each waited for at most TICK_LIMIT; from the first to the sixth, five intervals
            List<String> ticks = new ArrayList<>();
            long first = 0;
            long last = 0;
            while (ticks.size() < 6) {
                Optional<String> tick = client.next(TICK_LIMIT);
                if (tick.isEmpty() || !isTime(tick.get())) {
                    tick.ifPresent(ticks::add);
                    throw Report.of(RULE)
                            .sent("nothing, with --interval " + INTERVAL)
                            .expected("6 date-times, one every " + INTERVAL + " ms, like " + OffsetDateTime.now())
                            .got(Report.show(ticks) + (tick.isEmpty() ? ", then nothing within " + TICK_LIMIT.toSeconds() + " s" : ""))
                            .error();
                }
                last = System.nanoTime();
                first = ticks.isEmpty() ? last : first;
                ticks.add(tick.get());
            }
            long span = (last - first) / 1_000_000;
            // five intervals are 1000 ms: half or two and a half times that is another interval, not a busy machine
            if (span < INTERVAL * 5L / 2 || span > INTERVAL * 5L * 5 / 2) {
                throw Report.of(RULE)
                        .sent("nothing, with --interval " + INTERVAL)
                        .expected("6 date-times, one every " + INTERVAL + " ms: " + INTERVAL * 5 + " ms from the first to the sixth")
                        .got(span + " ms from the first to the sixth: about one every " + span / 5 + " ms")
                        .hint("--interval is in milliseconds: schedule with TimeUnit.MILLISECONDS, and the interval given")
                        .error();
            }
            for (String time : ticks) {
                if (Duration.between(parse(time), OffsetDateTime.now()).abs().toSeconds() > 5) {
                    throw Report.of(RULE).sent("nothing").expected("the current time, " + OffsetDateTime.now())
                            .got(Report.show(time)).hint("a time without a zone is read as the server's local time").error();
                }
            }
        }
    }

    @Test
    @Enforces(Rule.T3)
    @DisplayName("sends a new client its first tick within one interval")
    void firstTickWithinInterval() {
        Optional<String> first = result(firstTick);
        if (first.isEmpty() || !isTime(first.get())) {
            throw Report.of("the first tick reaches a new client within one interval of its connecting")
                    .sent("a new connection, with --interval 1000")
                    .expected("a date-time within 1 s (" + FIRST_TICK_LIMIT.toMillis() + " ms allowed, for a busy machine)")
                    .got(first.map(Report::show).orElse("nothing within " + FIRST_TICK_LIMIT.toMillis() + " ms"))
                    .error();
        }
    }

    @Test
    @Enforces(Rule.T1)
    @DisplayName("ticks every 1000 ms when --interval is not given")
    void defaultInterval() {
        List<Long> arrivals = result(defaultTicks);
        // the mean of three intervals: a tick that comes late on a busy machine moves it by a third as much
        long gap = arrivals.size() == DEFAULT_TICKS ? (arrivals.get(DEFAULT_TICKS - 1) - arrivals.get(0)) / 1_000_000 / (DEFAULT_TICKS - 1) : -1;
        if (gap < 700 || gap > 1300) {
            throw Report.of("--interval defaults to 1000 ms")
                    .sent("no --interval")
                    .expected(DEFAULT_TICKS + " ticks about 1000 ms apart")
                    .got(arrivals.size() < DEFAULT_TICKS ? arrivals.size() + " ticks, then nothing within " + TICK_LIMIT.toSeconds() + " s"
                            : "ticks " + gap + " ms apart")
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
                return client.next(FIRST_TICK_LIMIT);
            }
        });
        defaultTicks = inBackground(() -> {
            LessonProcess plain = start(List.of());
            try (Client client = Client.connect(plain.uri())) {
                List<Long> arrivals = new ArrayList<>();
                while (arrivals.size() < DEFAULT_TICKS && client.next(TICK_LIMIT).filter(ClockRules::isTime).isPresent()) {
                    arrivals.add(System.nanoTime());
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
    @Enforces(Rule.T4)
    @BasicRule
    @DisplayName("sends ticks to every client, whenever it joined")
    void ticksToEveryClient() {
        try (Client early = Client.connect(server.uri())) {
            expectTicks(early, TICKS, "the first client");
            try (Client late = Client.connect(server.uri())) {
                early.drain(); // the ticks it got before the second client joined say nothing about after
                expectTicks(late, TICKS, "a client that joined later");
                expectTicks(early, TICKS, "the first client, after the second joined");
            }
        }
    }

    @Test
    @Enforces(Rule.T5)
    @DisplayName("keeps ticking for the others after a client leaves, and prints no error")
    void survivesLeavingClient() {
        try (Client staying = Client.connect(server.uri())) {
            Client leaving = Client.connect(server.uri());
            expectTick(leaving, "the client about to leave");
            int errors = server.stderr().size();
            int printed = server.stdout().size();
            leaving.drop();
            // once the server has seen it go (DISCONNECTED, or at most a few seconds), only ticks sent since count
            server.stdout().await(printed, "DISCONNECTED"::equals, CONSOLE_LIMIT);
            staying.drain();
            expectTicks(staying, 5, "the client that stayed, after the other left");
            List<String> errorLines = server.stderr().linesFrom(errors);
            if (!errorLines.isEmpty()) {
                throw Report.of("a client that left gets nothing more, and its leaving logs no error")
                        .sent("a client that drops its connection")
                        .expected("nothing on stderr")
                        .got(Report.show(errorLines))
                        .error();
            }
        }
    }

    @Test
    @Enforces(Rule.T2)
    @StandsAlone
    @DisplayName("refuses an --interval that is not a positive number, with exit status 2")
    void refusesBadInterval() {
        assertRefused(List.of("--port", String.valueOf(LessonProcess.freePort()), "--interval", "soon"), 2,
                "a bad option value prints a one-line usage message on stderr and exits with status 2");
    }

    private static void expectTick(Client client, String who) {
        expectTicks(client, 1, who);
    }

    /**
     * Waits for {@code count} ticks on {@code client}, each at most {@link #TICK_LIMIT} (messages that are not
     * date-times are skipped): a correct server sends one every interval, busy machine or not.
     */
    private static void expectTicks(Client client, int count, String who) {
        for (int got = 0; got < count; got++) {
            long deadline = System.nanoTime() + TICK_LIMIT.toNanos();
            Optional<String> tick = Optional.empty();
            while (tick.isEmpty() && client.isOpen() && System.nanoTime() < deadline) {
                tick = client.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).filter(ClockRules::isTime);
            }
            if (tick.isEmpty()) {
                throw Report.of(RULE)
                        .sent("nothing; waiting as " + who)
                        .expected(count == 1 ? "a date-time (--interval " + INTERVAL + ")"
                                : count + " date-times, one every " + INTERVAL + " ms (--interval " + INTERVAL + ")")
                        .got(got == 0 ? "nothing within " + TICK_LIMIT.toSeconds() + " s"
                                : got + (got == 1 ? " tick" : " ticks") + ", then nothing within " + TICK_LIMIT.toSeconds() + " s")
                        .hint(got == 0 ? "no tick came: in onStart, schedule tick() every intervalMillis (clock.scheduleAtFixedRate), "
                                + "and send the time to every client there; an exception in the timer's task stops every tick "
                                + "after it: catch it, or use broadcast(...)"
                                : "the ticks stopped: schedule(...) runs the task once, scheduleAtFixedRate(...) every interval; an "
                                + "exception in the timer's task also stops every tick after it: catch it, or use broadcast(...)")
                        .error();
            }
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
