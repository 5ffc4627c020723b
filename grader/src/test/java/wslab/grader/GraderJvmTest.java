package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the grader's JVM flags")
class GraderJvmTest {

    @Test
    @DisplayName("the poms start the grader, and run the lessons' checks, with GraderJvm's flags")
    void pomsUseTheFlags() throws IOException {
        Path root = Kit.current().root();
        String grader = Files.readString(root.resolve("grader/pom.xml"));
        String grade = grader.substring(grader.indexOf("<id>grade</id>"), grader.indexOf("</execution>", grader.indexOf("<id>grade</id>")));
        String kit = Files.readString(root.resolve("pom.xml"));
        String argLine = kit.substring(kit.indexOf("<argLine>"), kit.indexOf("</argLine>"));
        for (String flag : GraderJvm.FLAGS) {
            assertTrue(grade.contains("<argument>" + flag + "</argument>"), "grader/pom.xml's grade execution lacks " + flag);
            assertTrue(argLine.contains(flag.replace("--add-exports=", "--add-exports ")) || argLine.contains(flag),
                    "the kit pom's test argLine lacks " + flag);
        }
    }
}
