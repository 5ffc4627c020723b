package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the kit says about its lessons in files the compiler does not read agrees with {@link Lesson}, the one
 * place that says it: the build, the README's table of lessons, the pages' index, RULES.md and the solutions.
 */
@DisplayName("the lesson model and the files that list the lessons")
class LessonModelTest {

    private static final Path ROOT = Kit.current().root();

    @Test
    @DisplayName("solutions/pom.xml builds the lessons in their order, each named by its title")
    void buildMatches() throws IOException {
        assertEquals(Lesson.ids(), all(Pattern.compile("<module>([^<]+)</module>"), read("solutions/pom.xml")),
                "solutions/pom.xml's modules");
        for (Lesson lesson : Lesson.values()) {
            assertEquals(List.of(lesson.title()), all(Pattern.compile("(?m)^  <name>([^<]+)</name>"),
                    read("solutions/" + lesson.id() + "/pom.xml")), "the name in solutions/" + lesson.id() + "/pom.xml");
        }
    }

    @Test
    @DisplayName("each solution's main class is where the model says, and every lesson has a starter")
    void mainClassesAndStarters() throws IOException {
        for (Lesson lesson : Lesson.values()) {
            Path main = ROOT.resolve("solutions").resolve(lesson.id()).resolve("src/main/java")
                    .resolve(lesson.mainClass().replace('.', '/') + ".java");
            assertTrue(Files.isRegularFile(main) && Files.readString(main).contains("public static void main(String[]"),
                    lesson.id() + ": no main method in " + ROOT.relativize(main));
            for (String file : List.of("pom.xml", "README.md")) {
                assertTrue(Files.isRegularFile(ROOT.resolve("exercises").resolve(lesson.id()).resolve(file)),
                        "exercises/" + lesson.id() + "/" + file + " is missing");
            }
        }
    }

    @Test
    @DisplayName("the README's table of lessons lists each, what it builds on and its page")
    void readmeTableMatches() throws IOException {
        Matcher row = Pattern.compile("(?m)^\\| \\[([\\w-]+)\\]\\(exercises/([\\w-]+)/README\\.md\\) \\|[^|]*\\| ([\\w-]+) \\| `web/([\\w.]+)` \\|$")
                .matcher(read("README.md"));
        List<String> rows = new ArrayList<>();
        while (row.find()) {
            rows.add(String.join(" ", row.group(1), row.group(2), row.group(3), row.group(4)));
        }
        List<String> expected = Arrays.stream(Lesson.values()).map(l -> String.join(" ", l.id(), l.id(),
                l.buildsOn().map(Lesson::id).orElse("-"), l.page())).toList();
        assertEquals(expected, rows, "README.md's table of lessons (id, folder, builds on, page)");
    }

    @Test
    @DisplayName("the pages' index names each lesson's page")
    void pagesIndexMatches() throws IOException {
        Matcher row = Pattern.compile("<tr><td><code>([\\w-]+)</code></td><td><a [^>]*href=\"([\\w.]+)\"").matcher(read("web/index.html"));
        List<String> rows = new ArrayList<>();
        while (row.find()) {
            rows.add(row.group(1) + " " + row.group(2));
            assertTrue(Files.isRegularFile(ROOT.resolve("web").resolve(row.group(2))), "web/" + row.group(2) + " is missing");
        }
        assertEquals(Arrays.stream(Lesson.values()).map(l -> l.id() + " " + l.page()).toList(), rows,
                "web/index.html's table of pages");
    }

    @Test
    @DisplayName("RULES.md's table names every lesson, in order")
    void rulesTableMatches() throws IOException {
        assertEquals(Lesson.ids(), all(Pattern.compile("(?m)^\\| `([\\w-]+)` \\|"), read("RULES.md")), "RULES.md's table of lessons");
    }

    private static List<String> all(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
    }
}
