package wslab.grader.grading;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wslab.grader.Folders;
import wslab.grader.Kit;
import wslab.grading.CheckSupport;
import wslab.grading.Setting;

/** The kit's code compiled with the grader is used only while it matches the kit's sources. */
@DisplayName("the kit's classes built with the grader")
class KitClassesTest {

    @TempDir
    Path work;

    @Test
    @DisplayName("are used for every part of the kit they were built from")
    void usedWhileSourcesMatch() {
        KitClasses built = KitClasses.of(Kit.current(), work);
        for (String part : parts()) {
            Optional<Path> classes = built.part(part);
            assertTrue(classes.isPresent(), part + " should come built with the grader");
            assertTrue(Files.isDirectory(classes.get().resolve("wslab")), part + ": " + classes.get());
        }
    }

    @Test
    @DisplayName("are not used for a lesson whose checks changed, nor for any checks when their support changed")
    void notUsedOnceSourcesChange() throws IOException {
        Path kit = work.resolve("kit");
        Folders.copy(Kit.current().root().resolve("plumbing/src"), kit.resolve("plumbing/src"));
        Folders.copy(Kit.current().root().resolve("checks/src"), kit.resolve("checks/src"));
        for (String lesson : Kit.LESSONS) {
            Folders.copy(Kit.current().checkSources(lesson), kit.resolve("exercises").resolve(lesson).resolve("src/test/java"));
        }
        Kit copy = new Kit(kit);

        Path echoChecks = copy.checkSources("echo").resolve("wslab/echo/EchoTest.java");
        Files.writeString(echoChecks, Files.readString(echoChecks) + "\n// edited\n");
        KitClasses built = KitClasses.of(copy, work.resolve("one"));
        assertEquals(Optional.empty(), built.part("echo"));
        assertTrue(built.part("simon").isPresent());
        assertTrue(built.part(KitClasses.PLUMBING).isPresent());

        Path support = copy.checksSources().resolve("wslab/checks/harness/Report.java");
        Files.writeString(support, Files.readString(support) + "\n// edited\n");
        built = KitClasses.of(copy, work.resolve("two"));
        assertEquals(Optional.empty(), built.part(KitClasses.CHECKS));
        assertEquals(Optional.empty(), built.part("simon"));
        assertTrue(built.part(KitClasses.PLUMBING).isPresent());
    }

    @Test
    @DisplayName("register the checks' support where the grader finds it, on the grader's own wslab.grading")
    void supportFound() throws IOException {
        Path support = KitClasses.of(Kit.current(), work).part(KitClasses.CHECKS).orElseThrow();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {CheckRunner.url(support)},
                KitClassesTest.class.getClassLoader())) {
            CheckSupport found = CheckSupport.in(loader);
            assertSame(loader, found.getClass().getClassLoader(), "the support is the kit's, loaded apart");
            // not compiled into the support's classes: the support sees the grader's own, one type on both sides
            assertFalse(Files.exists(support.resolve("wslab/grading")), "wslab.grading compiled into the support");
            assertSame(Setting.class, Class.forName(Setting.class.getName(), false, loader));
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("registered again with the checks' support when it is compiled at grading time")
    void supportFoundWhenCompiledAgain() throws IOException {
        Path kit = work.resolve("kit");
        Folders.copy(Kit.current().root().resolve("plumbing/src"), kit.resolve("plumbing/src"));
        Folders.copy(Kit.current().root().resolve("checks/src"), kit.resolve("checks/src"));
        Folders.copy(Kit.current().root().resolve("web"), kit.resolve("web"));
        Path support = kit.resolve("checks/src/main/java/wslab/checks/harness/Report.java");
        Files.writeString(support, Files.readString(support) + "\n// edited\n");
        assertEquals(Optional.empty(), KitClasses.of(new Kit(kit), work.resolve("built")).part(KitClasses.CHECKS));
        // the grader finds the support it compiled (CheckSupport.in), or it stops here
        assertDoesNotThrow(() -> new LessonGrader(new Kit(kit), Files.createDirectories(work.resolve("grading"))));
    }

    private static java.util.List<String> parts() {
        java.util.List<String> parts = new java.util.ArrayList<>(Kit.LESSONS);
        parts.add(KitClasses.CHECKS);
        parts.add(KitClasses.PLUMBING);
        return parts;
    }
}
