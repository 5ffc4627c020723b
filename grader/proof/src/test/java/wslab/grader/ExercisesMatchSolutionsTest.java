package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import wslab.grader.kit.ExerciseGenerator;

@DisplayName("exercises/ is what the generator makes of solutions/")
class ExercisesMatchSolutionsTest {

    @Test
    @DisplayName("no file in exercises/ differs from, lacks or adds to what solutions/ generates")
    void noDrift() {
        List<String> drift = new ExerciseGenerator(Kit.current().root()).drift();
        assertEquals(List.of(), drift, "exercises/ has drifted from solutions/; regenerate it with\n"
                + "  ./mvnw -q -pl grader compile exec:java@generate-exercises\n");
    }

    @Test
    @DisplayName("every lesson has a starter, with its README")
    void everyLessonHasStarter() {
        for (String lesson : Kit.LESSONS) {
            assertEquals(true, java.nio.file.Files.isRegularFile(Kit.current().root().resolve("exercises/" + lesson + "/README.md")),
                    "exercises/" + lesson + "/README.md is missing");
            assertEquals(true, java.nio.file.Files.isRegularFile(Kit.current().root().resolve("exercises/" + lesson + "/pom.xml")),
                    "exercises/" + lesson + "/pom.xml is missing");
        }
    }

    @Test
    @DisplayName("a stub replaces the solution between the markers")
    void replacesSolutionWithStub() {
        String solution = String.join("\n",
                "void greet() {",
                "    // BEGIN SOLUTION",
                "    send(\"hi\");",
                "    // END SOLUTION",
                "    // STUB: // TODO greet",
                "}");
        assertEquals("void greet() {\n    // TODO greet\n}", ExerciseGenerator.starterOf(solution));
    }

    @Test
    @DisplayName("an unclosed marker is an error, not a silent starter")
    void refusesUnbalancedMarkers() {
        assertThrows(IllegalArgumentException.class, () -> ExerciseGenerator.starterOf("// BEGIN SOLUTION\nx();\n"));
        assertThrows(IllegalArgumentException.class, () -> ExerciseGenerator.starterOf("x();\n// END SOLUTION\n"));
    }
}
