package wslab.grader.reports;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import wslab.grader.grading.Grading;
import wslab.grader.grading.Scores;

/** grades.csv, the class's gradebook: a row per student, sorted by id; a column per lesson and the total. */
public final class GradesCsv {

    /** The report's file name. */
    public static final String FILE = "grades.csv";

    private GradesCsv() {
    }

    /** One row per student, sorted by id; a column per lesson and the total. The same grades give the same file. */
    public static void write(Path file, List<String> lessons, Collection<Grading.Graded> students)
            throws IOException {
        List<String> header = new ArrayList<>(List.of("student"));
        header.addAll(lessons);
        header.add("total");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(out)) {
            for (Grading.Graded student : ClassReportHtml.sorted(students)) {
                List<String> row = new ArrayList<>(List.of(student.submission().id()));
                student.scores().lessons().forEach(lesson -> row.add(ClassReportHtml.points(Scores.lessonScore(lesson))));
                row.add(ClassReportHtml.points(student.scores().score()));
                csv.printRecord(row);
            }
        }
    }
}
