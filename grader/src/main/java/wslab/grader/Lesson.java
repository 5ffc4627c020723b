package wslab.grader;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The kit's lessons, in the order they are taught: the one place that says what each is. The grader, the
 * exercise generator, the Gradescope package and the proof suite read it; the proof suite holds the build
 * ({@code solutions/pom.xml}, each lesson's {@code <name>}), the README's table of lessons, the pages' index
 * and the main classes to it. Adding a lesson: a constant here, then its solution (with markers), its checks
 * and the rules they enforce (RULES.md), its README, and its page if it needs a new one.
 */
public enum Lesson {
    RECEIVER("receiver", "Lesson 1: receiver", null, "messages.html", "wslab.receiver.ReceiverServer", 4),
    ECHO("echo", "Lesson 2: echo", RECEIVER, "messages.html", "wslab.echo.EchoServer", 7),
    SIMON("simon", "Lesson 3: simon", ECHO, "simon.html", "wslab.simon.SimonServer", 5),
    QUIZ1_MESSAGE_LOG("quiz1-message-log", "Quiz 1: a message log", RECEIVER, "messages.html",
            "wslab.messagelog.MessageLogServer", 6),
    QUIZ2_WELCOME("quiz2-welcome", "Quiz 2: a welcome message", ECHO, "messages.html", "wslab.welcome.WelcomeServer", 8),
    QUIZ3_CLOCK("quiz3-clock", "Quiz 3: the time, every interval", ECHO, "clock.html", "wslab.clock.ClockServer", 1),
    QUIZ4_RANDOM_REPLIES("quiz4-random-replies", "Quiz 4: replies from a file", ECHO, "messages.html",
            "wslab.replies.RandomRepliesServer", 3),
    QUIZ5_NETWORK("quiz5-network", "Quiz 5: two computers, one network", SIMON, "simon.html",
            "wslab.network.NetworkSimonServer", 9),
    STREAM("stream", "Lesson 4: a live signal stream", ECHO, "stream.html", "wslab.stream.StreamServer", 2);

    private final String id;
    private final String title;
    private final Lesson buildsOn;
    private final String page;
    private final String mainClass;
    private final int gradingRank;

    Lesson(String id, String title, Lesson buildsOn, String page, String mainClass, int gradingRank) {
        this.id = id;
        this.title = title;
        this.buildsOn = buildsOn;
        this.page = page;
        this.mainClass = mainClass;
        this.gradingRank = gradingRank;
    }

    /** The lesson's folder name in {@code solutions/}, {@code exercises/} and a submission; how users name it. */
    public String id() {
        return id;
    }

    /** The lesson's title, as its build names it. */
    public String title() {
        return title;
    }

    /** The lesson whose finished code this one starts from, if any. */
    public Optional<Lesson> buildsOn() {
        return Optional.ofNullable(buildsOn);
    }

    /** The page in {@code web/} a student opens to talk to the lesson's server. */
    public String page() {
        return page;
    }

    /** The solution's main class (a student's may be any class: the grader finds it). */
    public String mainClass() {
        return mainClass;
    }

    /** The lesson with this id, if there is one. */
    public static Optional<Lesson> byId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }

    /**
     * The lesson ids a user chose, checked: every lesson for none or {@code all}. An id that names no lesson is an
     * {@link IllegalArgumentException} whose message says so and lists the lessons.
     */
    public static List<String> choose(List<String> chosen) {
        List<String> ids = chosen.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (ids.isEmpty() || ids.equals(List.of("all"))) {
            return ids();
        }
        for (String id : ids) {
            if (byId(id).isEmpty()) {
                throw new IllegalArgumentException("no lesson '" + id + "'; the lessons are " + String.join(", ", ids()));
            }
        }
        return ids;
    }

    /** {@link #choose(List)}, for ids given as one comma-separated value. */
    public static List<String> choose(String commaSeparated) {
        return choose(List.of(commaSeparated.split(",")));
    }

    /** The lesson ids, in the order they are taught. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Lesson::id).toList();
    }

    /**
     * The order lessons are handed to the grading pool, so that no long lesson starts last. Measured, four
     * at a time: on a correct submission quiz 3 takes longest (12 s; the others 2-10 s); on the untouched
     * starters, whose checks wait out their limits, receiver and quiz 4 do (62 and 51 s; the others 0-36 s).
     * The stream lesson comes second: its checks watch clients stream for some 12 s, side by side, on little
     * processor time, so its wait overlaps the others' work.
     */
    public static List<String> gradingOrder() {
        return Arrays.stream(values()).sorted(Comparator.comparingInt(l -> l.gradingRank)).map(Lesson::id).toList();
    }
}
