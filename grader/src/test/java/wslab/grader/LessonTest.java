package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the lesson model")
class LessonTest {

    @Test
    @DisplayName("no lesson chosen, or all, is every lesson in the order they are taught")
    void allLessons() {
        assertEquals(Lesson.ids(), Lesson.choose(""));
        assertEquals(Lesson.ids(), Lesson.choose(" all "));
        assertEquals(Lesson.ids(), Lesson.choose(List.of()));
        assertEquals("receiver", Lesson.ids().get(0));
    }

    @Test
    @DisplayName("chosen lessons keep the order given, without blanks")
    void someLessons() {
        assertEquals(List.of("simon", "echo"), Lesson.choose("simon, echo,"));
        assertEquals(List.of("quiz3-clock"), Lesson.choose(List.of("quiz3-clock")));
    }

    @Test
    @DisplayName("an unknown lesson is refused with a message that lists the lessons")
    void unknownLesson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lesson.choose("echo,eco"));
        assertEquals("no lesson 'eco'; the lessons are " + String.join(", ", Lesson.ids()), e.getMessage());
    }

    @Test
    @DisplayName("what a lesson builds on comes before it, and the grading order holds every lesson once")
    void buildsOnEarlierLessons() {
        for (Lesson lesson : Lesson.values()) {
            lesson.buildsOn().ifPresent(base -> assertEquals(true, base.ordinal() < lesson.ordinal(), lesson.id()));
        }
        assertEquals(java.util.Set.copyOf(Lesson.ids()), java.util.Set.copyOf(Lesson.gradingOrder()));
        assertEquals(Lesson.ids().size(), Lesson.gradingOrder().size());
    }
}
