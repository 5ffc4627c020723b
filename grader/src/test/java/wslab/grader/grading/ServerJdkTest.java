package wslab.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wslab.grading.ServerJdk;
import wslab.grading.Setting;

/** The JDK the servers run with, as a grader's option names it. */
@DisplayName("the servers' JDK")
class ServerJdkTest {

    @TempDir
    Path work;

    @Test
    @DisplayName("is the grader's own by default, and its version is read from the JDK's release file")
    void runningJdk() {
        ServerJdk running = ServerJdk.running();
        ServerJdk named = ServerJdk.at(running.home());
        assertEquals(Runtime.version().feature(), named.feature());
        assertEquals(running.version(), named.version());
        assertTrue(Files.isExecutable(named.java()));
        assertEquals(running.home(), ServerJdk.homeOf(named.java().toString()));
    }

    @Test
    @DisplayName("refuses, in one line, a folder with no JDK, or a JDK older than 17")
    void refusesWhatIsNoJdk() throws Exception {
        String none = assertThrows(IllegalArgumentException.class, () -> ServerJdk.at(work)).getMessage();
        assertTrue(none.startsWith("no JDK in " + work) && !none.contains("\n"), none);

        Path old = work.resolve("old");
        Files.createDirectories(old.resolve("bin"));
        Files.copy(ServerJdk.running().java(), old.resolve("bin/java"));
        Files.writeString(old.resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
        String tooOld = assertThrows(IllegalArgumentException.class, () -> ServerJdk.at(old)).getMessage();
        assertTrue(tooOld.contains("'11.0.2'") && tooOld.contains("17 or newer"), tooOld);

        Map<String, String> settings = Map.of(Setting.SERVER_JAVA.key(), work.toString());
        assertThrows(IllegalArgumentException.class, () -> LessonGrader.checkSettings(settings));
    }
}
