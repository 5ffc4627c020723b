package wslab.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wslab.grader.Kit;

/**
 * What a failed check tells the grader besides its message comes by type ({@code wslab.grading.CheckOutcome}),
 * never read from the message: checks of their own, compiled here, throw each kind of failure.
 */
@DisplayName("the grader's record of a check")
class CheckRunnerTest {

    private static final String CHECKS = """
            package typed;

            import java.nio.file.Path;
            import java.util.Optional;
            import org.junit.jupiter.api.DisplayName;
            import org.junit.jupiter.api.Test;
            import org.opentest4j.TestAbortedException;
            import wslab.grading.CheckOutcome;

            public class TypedChecks {
                static final class PageFailure extends AssertionError implements CheckOutcome {
                    PageFailure(String message) { super(message); }
                    @Override public Optional<Path> screenshot() { return Optional.of(Path.of("the-page.png")); }
                }
                static final class Waits extends TestAbortedException implements CheckOutcome {
                    Waits(String message) { super(message); }
                    @Override public boolean waiting() { return true; }
                }
                static final class Late extends AssertionError implements CheckOutcome {
                    Late(String message) { super(message); }
                    @Override public boolean notRun() { return true; }
                }

                @Test @DisplayName("passes") void passes() { }
                @Test @DisplayName("page") void page() { throw new PageFailure("rule: shown\\nscreenshot: elsewhere.png"); }
                @Test @DisplayName("waits") void waits() { throw new Waits("cannot check until \\"page\\" works"); }
                @Test @DisplayName("fails") void fails() { throw new AssertionError("cannot check until it says so"); }
                @Test @DisplayName("late") void late() { throw new Late(CheckOutcome.NOT_RUN + "the time ran out"); }
                @Test @DisplayName("aborted") void aborted() { throw new TestAbortedException("no browser"); }
            }
            """;

    private static final String NO_SERVER = """
            package typed;

            import org.junit.jupiter.api.BeforeAll;
            import org.junit.jupiter.api.DisplayName;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.TestInstance;

            @TestInstance(TestInstance.Lifecycle.PER_CLASS)
            public class NoServerChecks {
                @BeforeAll void start() { throw new AssertionError("the server did not start"); }
                @Test @DisplayName("needs the server") void needsServer() { }
            }
            """;

    @TempDir
    static Path work;
    private static Map<String, CheckRunner.Check> checks;

    @BeforeAll
    static void run() throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/typed"));
        Files.writeString(sources.resolve("TypedChecks.java"), CHECKS);
        Files.writeString(sources.resolve("NoServerChecks.java"), NO_SERVER);
        Compiler.Result compiled = Compiler.compile(List.of(work.resolve("src")), Kit.graderClassPath(),
                work.resolve("classes"));
        assertTrue(compiled.ok(), () -> String.join("\n", compiled.messages()));
        checks = CheckRunner.run(CheckRunnerTest.class.getClassLoader(), compiled.classes(), Map.of()).stream()
                .collect(Collectors.toMap(CheckRunner.Check::name, Function.identity()));
    }

    @Test
    @DisplayName("has the screenshot a failed page check names by type, not the one its message names")
    void screenshot() {
        CheckRunner.Check page = checks.get("page");
        assertFalse(page.passed());
        assertEquals(Optional.of(Path.of("the-page.png")), page.screenshot());
        assertEquals("rule: shown\nscreenshot: elsewhere.png", page.message());
        assertFalse(page.waiting() || page.notRun());
        assertEquals(Optional.empty(), checks.get("fails").screenshot());
    }

    @Test
    @DisplayName("waits when the check says it waits, whatever its message says")
    void waiting() {
        CheckRunner.Check waits = checks.get("waits");
        assertTrue(waits.waiting());
        assertFalse(waits.notRun(), "aborted, but waiting: not reported as not run");
        assertEquals("cannot check until \"page\" works", waits.message());
        assertFalse(checks.get("fails").waiting(), "a message is not read for what it begins with");
        assertFalse(checks.get("fails").notRun());
    }

    @Test
    @DisplayName("is not run when the check says so, or when it stopped without waiting (a page check without a browser)")
    void notRun() {
        assertTrue(checks.get("late").notRun());
        assertEquals("not run: the time ran out", checks.get("late").message());
        CheckRunner.Check aborted = checks.get("aborted");
        assertTrue(aborted.notRun());
        assertFalse(aborted.waiting());
        assertEquals("not run: no browser", aborted.message());
    }

    @Test
    @DisplayName("waits for the server when its class could not start one")
    void serverNotStarted() {
        CheckRunner.Check needsServer = checks.get("needs the server");
        assertFalse(needsServer.passed());
        assertTrue(needsServer.waiting());
        assertEquals("cannot check until the server starts:\nthe server did not start", needsServer.message());
    }

    @Test
    @DisplayName("passes with nothing more to tell")
    void passes() {
        CheckRunner.Check passes = checks.get("passes");
        assertTrue(passes.passed());
        assertFalse(passes.waiting() || passes.notRun() || passes.screenshot().isPresent());
    }
}
