package wslab.grader.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the solution markers")
class SolutionMarkersTest {

    @Test
    @DisplayName("open and close an answer on lines of their own, indented or not")
    void markerLines() {
        assertTrue(SolutionMarkers.isBegin("        // BEGIN SOLUTION"));
        assertTrue(SolutionMarkers.isEnd("// END SOLUTION  "));
        assertFalse(SolutionMarkers.isBegin("x(); // BEGIN SOLUTION"));
        assertFalse(SolutionMarkers.isEnd("// BEGIN SOLUTION"));
    }

    @Test
    @DisplayName("a file is a solution file when a line of its own says so")
    void solutionFile() {
        assertTrue(SolutionMarkers.isSolutionFile("package a;\n\n// SOLUTION FILE\nclass Helper {}\n"));
        assertFalse(SolutionMarkers.isSolutionFile("package a;\n\nclass Starter {} // not a SOLUTION FILE\n"));
    }

    @Test
    @DisplayName("any marker left anywhere in a text gives an answer away; a stub does not")
    void leaks() {
        assertEquals(Optional.of(SolutionMarkers.BEGIN), SolutionMarkers.markerIn("x(); // BEGIN SOLUTION\n"));
        assertEquals(Optional.of(SolutionMarkers.END), SolutionMarkers.markerIn("    // END SOLUTION\n"));
        assertEquals(Optional.of(SolutionMarkers.SOLUTION_FILE), SolutionMarkers.markerIn("// SOLUTION FILE\n"));
        assertFalse(SolutionMarkers.holdsSolution("void greet() {\n    // STUB: // TODO greet\n}\n"));
        assertFalse(SolutionMarkers.holdsSolution("void greet() {\n    // TODO greet\n}\n"));
    }
}
