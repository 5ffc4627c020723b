package wslab.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wslab.grader.Kit;

/** Where the grader, the class grader and the Gradescope autograder find a submission's lessons. */
@DisplayName("finding a submission's lessons")
class SubmissionsTest {

    @TempDir
    Path root;

    @Test
    @DisplayName("a repository's exercises/, lesson folders, or such a folder wrapped a few folders down")
    void findsLessonsWhereStudentsPutThem() throws IOException {
        Path repository = lessons(root.resolve("repository/exercises"), "echo");
        Files.createDirectories(root.resolve("repository/.git/echo"));
        assertEquals(Optional.of(repository), Submissions.findLessons(root.resolve("repository"), Kit.LESSONS));

        Path bare = lessons(root.resolve("bare"), "receiver", "simon");
        assertEquals(Optional.of(bare), Submissions.findLessons(bare, Kit.LESSONS));

        // an upload: a README beside a folder that wraps the repository, skipped macOS metadata first
        Path upload = root.resolve("upload");
        Files.createDirectories(upload.resolve("__MACOSX/wslab/exercises/echo"));
        Files.writeString(upload.resolve("README.txt"), "my work");
        Path wrapped = lessons(upload.resolve("my-work/wslab/exercises"), "echo");
        assertEquals(Optional.of(wrapped), Submissions.findLessons(upload, Kit.LESSONS));
        assertEquals(wrapped, Submissions.lessonsFolder(upload));
    }

    @Test
    @DisplayName("only the lessons asked for count, and nothing is found below three folders down")
    void findsOnlyWhatIsAskedNearTheTop() throws IOException {
        Path folder = lessons(root.resolve("some"), "echo");
        assertEquals(Optional.empty(), Submissions.findLessons(folder, List.of("simon")));

        Path deep = root.resolve("deep");
        lessons(deep.resolve("a/b/c/d/exercises"), "echo");
        assertEquals(Optional.empty(), Submissions.findLessons(deep, Kit.LESSONS));
        assertEquals(deep.toAbsolutePath().normalize(), Submissions.lessonsFolder(deep));
    }

    private static Path lessons(Path folder, String... lessons) throws IOException {
        for (String lesson : lessons) {
            Files.createDirectories(folder.resolve(lesson).resolve("src/main/java"));
        }
        return folder.toAbsolutePath().normalize();
    }
}
