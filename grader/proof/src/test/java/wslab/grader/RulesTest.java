package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RULES.md and the checks say the same: the page names exactly the rules of {@code wslab.checks.rules.Rule}, every
 * rule is enforced by a check of some lesson, and every check names the rules it enforces (the lessons' checks
 * also refuse to run without, so a lesson's own build fails first). Read from the kit's sources: the grader
 * compiles the checks only when it grades.
 */
@DisplayName("RULES.md and the checks")
class RulesTest {

    private static final Path ROOT = Kit.current().root();
    private static final Pattern RULE_ON_PAGE = Pattern.compile("^- \\*\\*([A-Z]\\d+)\\*\\* ", Pattern.MULTILINE);
    private static final Pattern CHECK = Pattern.compile("@Test\\s+((?:@[\\w.]+(?:\\((?:[^()\"]|\"(?:[^\"\\\\]|\\\\.)*\")*\\))?\\s+)*)"
            + "(?:public |protected |private )?void (\\w+)\\(");
    private static final Pattern ENFORCES = Pattern.compile("@Enforces\\(([^)]*)\\)");
    private static final Pattern RULE_CONSTANT = Pattern.compile("Rule\\.(\\w+)");

    @Test
    @DisplayName("RULES.md names each rule of the Rule type once, and no other")
    void pageMatchesRuleType() throws IOException {
        List<String> onPage = new ArrayList<>();
        Matcher m = RULE_ON_PAGE.matcher(read(ROOT.resolve("RULES.md")));
        while (m.find()) {
            onPage.add(m.group(1));
        }
        assertEquals(onPage.size(), new LinkedHashSet<>(onPage).size(), "a rule is named twice in RULES.md: " + onPage);
        assertEquals(ruleType(), List.copyOf(onPage), "RULES.md and wslab.checks.rules.Rule list different rules");
    }

    @Test
    @DisplayName("every check names the rules it enforces, and every rule has a check")
    void everyRuleHasCheck() throws IOException {
        Set<String> enforced = new TreeSet<>();
        List<String> unnamed = new ArrayList<>();
        int checks = 0;
        for (Path source : checkSources()) {
            Matcher m = CHECK.matcher(read(source));
            while (m.find()) {
                checks++;
                Matcher enforces = ENFORCES.matcher(m.group(1));
                if (!enforces.find()) {
                    unnamed.add(ROOT.relativize(source) + ": " + m.group(2));
                    continue;
                }
                Matcher rule = RULE_CONSTANT.matcher(enforces.group(1));
                while (rule.find()) {
                    enforced.add(rule.group(1));
                }
            }
        }
        assertFalse(checks < 50, "found only " + checks + " checks in the kit's sources: this test no longer reads them");
        assertEquals(List.of(), unnamed, "checks that name no rule (@Enforces)");
        List<String> withoutCheck = ruleType().stream().filter(r -> !enforced.contains(r)).toList();
        assertEquals(List.of(), withoutCheck, "rules of RULES.md that no check enforces");
    }

    /** The constants of wslab.checks.rules.Rule, in order. */
    private static List<String> ruleType() throws IOException {
        String source = read(ROOT.resolve("checks/src/main/java/wslab/checks/rules/Rule.java"));
        String body = source.substring(source.indexOf("enum Rule {") + "enum Rule {".length(), source.lastIndexOf('}'));
        return Stream.of(body.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The every-lesson rules' sources, and each lesson's own checks (the kit's solutions). */
    private static List<Path> checkSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (Path folder : List.of(ROOT.resolve("checks/src/main/java"), ROOT.resolve("solutions"))) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> !p.startsWith(ROOT.resolve("solutions")) || p.toString().contains("/src/test/java/"))
                        .sorted().forEach(sources::add);
            }
        }
        return sources;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
