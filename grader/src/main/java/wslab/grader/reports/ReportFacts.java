package wslab.grader.reports;

import java.nio.file.Path;
import wslab.grader.Folders;
import wslab.grader.GraderJvm;

/** What every report says of the grading itself: the grader's version, the JVM, a hash of the graded sources. */
final class ReportFacts {

    private ReportFacts() {
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    static String version() {
        String version = ReportFacts.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /** A hash of every graded Java source, by path and content, so a grade can be traced to its code. */
    public static String sourcesHash(Path submission) {
        return Folders.sha256(submission, p -> p.toString().endsWith(".java") && !p.toString().contains("/target/"));
    }

    /** The JVM that graded, and how it started, for the reports. */
    static String java() {
        return System.getProperty("java.vendor") + " " + System.getProperty("java.version") + ", started "
                + GraderJvm.Start.ofThisJvm().words();
    }
}
