package wslab.grader.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import wslab.grader.grading.CheckRunner;
import wslab.grader.grading.LessonGrader;
import wslab.grader.grading.Scores;

/** junit.xml: a test suite per lesson, a test case per check, for CI systems that read JUnit's format. */
public final class JUnitXml {

    /** The report's file name. */
    public static final String FILE = "junit.xml";

    private JUnitXml() {
    }

    /** JUnit XML: a test suite per lesson, a test case per check. */
    public static void write(Path file, Scores scores, double seconds) throws IOException {
        try (java.io.Writer out = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
            javax.xml.stream.XMLStreamWriter xml = javax.xml.stream.XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "wslab");
            xml.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", seconds));
            for (LessonGrader.LessonResult lesson : scores.lessons()) {
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", lesson.lesson());
                xml.writeAttribute("tests", String.valueOf(lesson.checks().size()));
                long notRun = lesson.checks().stream().filter(CheckRunner.Check::notRun).count();
                xml.writeAttribute("failures", String.valueOf(lesson.checks().size() - lesson.passed() - notRun));
                xml.writeAttribute("skipped", String.valueOf(notRun));
                xml.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", lesson.seconds()));
                for (CheckRunner.Check check : lesson.checks()) {
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", lesson.lesson());
                    xml.writeAttribute("name", check.name());
                    xml.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", check.seconds()));
                    if (check.notRun()) {
                        xml.writeStartElement("skipped");
                        xml.writeAttribute("message", check.message().lines().findFirst().orElse(""));
                        xml.writeEndElement();
                    } else if (!check.passed()) {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("message", check.message().lines().findFirst().orElse(""));
                        xml.writeCharacters(xmlText(check.message()));
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IOException("cannot write " + file, e);
        }
    }

    /** Text XML 1.0 can hold: characters it forbids become U+FFFD. */
    private static String xmlText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(
                c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                        || c >= 0x10000 ? c : 0xFFFD));
        return out.toString();
    }
}
