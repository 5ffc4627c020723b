package wslab.grader.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import wslab.grader.classroom.ClassroomResult;
import wslab.grader.grading.GradingSetup;
import wslab.grader.grading.Scores;

/** The reports of one student's grade, every format in one folder: what Gradescope, CI and a person read. */
public final class StudentReports {

    /** The files {@link #write} writes. */
    public static final List<String> FILES = List.of(ResultsJson.FILE, JUnitXml.FILE, ReportHtml.FILE,
            ClassroomResult.JSON_FILE, ClassroomResult.BASE64_FILE);

    private StudentReports() {
    }

    /** Writes every report of {@code scores}, graded from {@code sources} in {@code seconds}, into {@code folder}. */
    public static void write(Path folder, Scores scores, double seconds, Path sources, GradingSetup setup)
            throws IOException {
        Files.createDirectories(folder);
        ResultsJson.write(folder.resolve(ResultsJson.FILE), scores, seconds, sources, setup);
        JUnitXml.write(folder.resolve(JUnitXml.FILE), scores, seconds);
        ReportHtml.write(folder.resolve(ReportHtml.FILE), scores, seconds, sources, setup);
        ClassroomResult.write(folder, scores);
    }
}
