package wslab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import wslab.grader.grading.LessonGrader;

/**
 * One {@link LessonGrader} for a test class, in a temporary working folder of its own; after the class its
 * browser is quit and its folder deleted. {@code @RegisterExtension static final ClassGrader GRADER = ...}
 */
final class ClassGrader implements BeforeAllCallback, AfterAllCallback {

    private final String prefix;
    private Path work;
    private LessonGrader grader;

    ClassGrader(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        work = Files.createTempDirectory(prefix);
        grader = new LessonGrader(Kit.current(), work);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (grader != null) {
            grader.close();
        }
        Folders.delete(work);
    }

    LessonGrader grader() {
        return grader;
    }

    /** The class's working folder, for screenshots and the like. */
    Path work() {
        return work;
    }
}
