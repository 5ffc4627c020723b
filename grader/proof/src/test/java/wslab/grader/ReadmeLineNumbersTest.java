package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A README points at code by a name that moves with it (a check's display name, a class, a method), never by a
 * line number, which drifts as soon as the file above it changes.
 */
@DisplayName("the kit's Markdown")
class ReadmeLineNumbersTest {

    /** {@code EchoRules.java:27}, {@code simon.html#L12}: a file of the kit and a line of it. */
    private static final Pattern LINE_REFERENCE = Pattern.compile(
            "[\\w$.-]+\\.(?:java|js|html|css|xml|ya?ml|sh|properties|md|txt)(?::|#L)\\d+");

    @Test
    @DisplayName("quotes no line number of a source file")
    void noLineNumbers() throws IOException {
        Path root = Kit.current().root();
        List<Path> markdown;
        try (Stream<Path> walk = Files.walk(root)) {
            markdown = walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".md"))
                    .filter(f -> Stream.of(root.relativize(f).toString().split("[/\\\\]"))
                            .noneMatch(part -> part.startsWith(".") || part.equals("target") || part.equals("node_modules")))
                    .toList();
        }
        assertTrue(markdown.size() > 5, "found too few Markdown files under " + root + ": " + markdown);
        List<String> found = new ArrayList<>();
        for (Path file : markdown) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINE_REFERENCE.matcher(lines.get(i));
                while (m.find()) {
                    found.add(root.relativize(file) + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found, "name the check, class or method instead of a line number, which drifts");
    }
}
