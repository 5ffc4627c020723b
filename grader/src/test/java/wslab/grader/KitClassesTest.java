package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

        Path support = copy.selfcheckSources().resolve("wslab/selfcheck/Report.java");
        Files.writeString(support, Files.readString(support) + "\n// edited\n");
        built = KitClasses.of(copy, work.resolve("two"));
        assertEquals(Optional.empty(), built.part(KitClasses.SELFCHECK));
        assertEquals(Optional.empty(), built.part("simon"));
        assertTrue(built.part(KitClasses.PLUMBING).isPresent());
    }

    private static java.util.List<String> parts() {
        java.util.List<String> parts = new java.util.ArrayList<>(Kit.LESSONS);
        parts.add(KitClasses.SELFCHECK);
        parts.add(KitClasses.PLUMBING);
        return parts;
    }
}
