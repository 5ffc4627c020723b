package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The untouched starters: each compiles, starts (prints its ready line), and fails its lesson's checks. */
@DisplayName("the starters in exercises/")
class StartersFailTest {

    static final List<String> LESSONS = Kit.LESSONS;
    private static final Kit KIT = Kit.current();

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}: compiles, starts, and fails its checks")
    @FieldSource("LESSONS")
    void starterFailsItsChecks(String lesson) {
        Compiler.Result server = Compiler.compile(
                List.of(KIT.root().resolve("exercises").resolve(lesson).resolve("src/main/java"), KIT.plumbingSources()),
                Kit.serverLibraries(), work.resolve("server"));
        assertTrue(server.ok(), () -> lesson + " starter does not compile:\n" + String.join("\n", server.messages()));
        Compiler.Result checks = Compiler.compile(List.of(KIT.checkSources(lesson), KIT.selfcheckSources()),
                Kit.graderClassPath(), work.resolve("checks"));
        assertTrue(checks.ok(), () -> lesson + " checks do not compile:\n" + String.join("\n", checks.messages()));

        List<CheckRunner.Check> results = CheckRunner.run(checks.classes(), server.classes(),
                server.classes() + File.pathSeparator + Kit.serverLibraries());

        String summary = results.stream().map(c -> (c.passed() ? "  pass  " : "  FAIL  ") + c.name())
                .collect(Collectors.joining("\n"));
        assertTrue(results.stream().anyMatch(c -> c.name().startsWith("prints LISTENING AT") && c.passed()),
                () -> lesson + " starter does not start:\n" + summary);
        assertTrue(results.stream().anyMatch(c -> !c.passed()),
                () -> lesson + " starter passes every check, so it leaves the student nothing to do:\n" + summary);
        System.out.println(lesson + " starter:\n" + summary);
    }
}
