package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import wslab.grader.grading.CheckRunner.Origin;
import wslab.grader.grading.CheckRunner;
import wslab.grader.grading.LessonGrader;
import wslab.grader.grading.Scores;

/**
 * A lesson's points follow the lesson's point: graded for real, an echo that broadcasts every message (its
 * central rule broken) loses most of what its own checks are worth, not a sliver of points shared with the
 * many checks it keeps from earlier lessons; and a finished echo still gets all 10.
 */
@DisplayName("a lesson's points follow the lesson's own rules")
class LessonPointsTest {

    private static final Kit KIT = Kit.current();
    @RegisterExtension
    static final ClassGrader GRADER = new ClassGrader("wslab-points");

    /** Some of echo's own checks (EchoRules), and some it keeps (ReceiverRules, EveryLessonRules). */
    private static final Set<String> ECHO_OWN = Set.of("sends a text message back unchanged",
            "sends the reply only to the client that sent the message",
            "the page shows the reply to a message typed there, as text");
    private static final Set<String> ECHO_KEPT = Set.of("prints CONNECTED when a client connects",
            "prints a text message it receives, on a line of its own",
            "refuses an unknown option with a one-line usage message and exit status 2",
            "keeps serving after a 1 MiB message");

    @Test
    @DisplayName("an echo that broadcasts loses far more than equal shares would take, and a finished echo gets 10")
    void brokenCentralRuleCostsItsShare() {
        LessonGrader.LessonResult broken = grade(KIT.root().resolve(
                "grader/proof/src/test/fixtures/echo-broadcasts-to-everyone/echo"), "broken");
        LessonGrader.LessonResult finished = grade(KIT.root().resolve("solutions/echo"), "finished");
        String summary = summary(broken);

        // Each check is known as echo's own or kept from the receiver and from every lesson, by who declares it.
        for (LessonGrader.LessonResult result : List.of(broken, finished)) {
            assertEquals(ECHO_OWN, origins(result, Origin.THIS_LESSON, ECHO_OWN), summary(result));
            assertEquals(ECHO_KEPT, origins(result, Origin.EARLIER_LESSONS, ECHO_KEPT), summary(result));
            assertEquals(8, Scores.count(result, Origin.THIS_LESSON), "EchoRules declares 8 checks:\n" + summary(result));
            assertTrue(Scores.count(result, Origin.EARLIER_LESSONS) > Scores.count(result, Origin.THIS_LESSON),
                    "echo keeps more checks than it has of its own:\n" + summary(result));
        }

        // The finished echo: every check passes, and the two parts add up to the whole 10.
        assertEquals(finished.checks().size(), finished.passed(), summary(finished));
        assertEquals(Scores.LESSON_POINTS, Scores.lessonScore(finished), 1e-9, summary(finished));
        assertEquals(Scores.LESSON_POINTS * Scores.SPLIT.thisLesson() / 100,
                Scores.partScore(finished, Origin.THIS_LESSON), 1e-9);

        // The broadcasting echo fails its own checks only, and each costs 7 points shared by 8, not 10 by 26.
        long ownFailed = Scores.count(broken, Origin.THIS_LESSON) - Scores.passed(broken, Origin.THIS_LESSON);
        assertTrue(ownFailed >= 1, summary);
        assertEquals(Scores.count(broken, Origin.EARLIER_LESSONS), Scores.passed(broken, Origin.EARLIER_LESSONS),
                "the checks kept from earlier lessons all pass:\n" + summary);
        double score = Scores.lessonScore(broken);
        double equalShares = Scores.LESSON_POINTS * broken.passed() / broken.checks().size();
        double ownWorth = Scores.LESSON_POINTS * Scores.SPLIT.thisLesson() / 100 / Scores.count(broken, Origin.THIS_LESSON);
        assertEquals(Scores.LESSON_POINTS - ownFailed * ownWorth, score, 1e-9, summary);
        assertTrue(Scores.LESSON_POINTS - score > 2 * (Scores.LESSON_POINTS - equalShares),
                "the broken rule costs " + (Scores.LESSON_POINTS - score) + ", equal shares would take "
                        + (Scores.LESSON_POINTS - equalShares) + ":\n" + summary);
        assertTrue(score < 9, "an echo that broadcasts scores " + score + " of 10:\n" + summary);
        System.out.printf("echo that broadcasts: %.2f of 10 (equal shares: %.2f); finished echo: %.2f%n", score,
                equalShares, Scores.lessonScore(finished));
    }

    private static LessonGrader.LessonResult grade(Path lesson, String how) {
        return GRADER.grader().grade("echo", lesson, GRADER.work().resolve("screenshots-" + how));
    }

    /** Which of {@code names} the lesson's checks of {@code origin} hold. */
    private static Set<String> origins(LessonGrader.LessonResult result, Origin origin, Set<String> names) {
        return result.checks().stream().filter(c -> c.origin() == origin).map(CheckRunner.Check::name)
                .filter(names::contains).collect(Collectors.toSet());
    }

    private static String summary(LessonGrader.LessonResult result) {
        return result.checks().stream().map(c -> (c.passed() ? "  pass  " : "  FAIL  ") + c.origin().label() + ": "
                + c.name()).collect(Collectors.joining("\n"));
    }
}
