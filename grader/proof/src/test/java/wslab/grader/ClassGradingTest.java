package wslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import wslab.grading.ProcessTrees;

/**
 * A class graded with one command: folders and zips, a correct student, a faulty one, one with a lesson
 * missing, and zips that try to write outside their folder or to fill the disk.
 */
// Alone: it runs whole grader builds or runs, whose load would slow the timed checks of the tests beside it.
@Isolated
@DisplayName("a class is graded with one command")
class ClassGradingTest {

    private static final Kit KIT = Kit.current();
    private static Path work;
    private static Path classFolder;

    @BeforeAll
    static void makeClass() throws IOException {
        work = Files.createTempDirectory("wslab-class");
        classFolder = Files.createDirectories(work.resolve("class"));
        Path echo = KIT.root().resolve("solutions/echo");
        Folders.copy(echo.resolve("src"), classFolder.resolve("alice/exercises/echo/src"));
        Folders.copy(KIT.root().resolve("grader/proof/src/test/fixtures/echo-broadcasts-to-everyone/echo"), classFolder.resolve("bob/echo"));
        Files.createDirectories(classFolder.resolve("dan/exercises/receiver"));
        zip(classFolder.resolve("carol.zip"), out -> {
            try (Stream<Path> files = Files.walk(echo.resolve("src"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new ZipEntry("carol-main/exercises/echo/" + echo.relativize(file)));
                    out.write(Files.readAllBytes(file));
                }
            }
        });
        zip(classFolder.resolve("eve.zip"), out -> {
            out.putNextEntry(new ZipEntry("echo/../../../escaped.txt"));
            out.write("outside".getBytes(StandardCharsets.UTF_8));
        });
        zip(classFolder.resolve("frank.zip"), out -> {
            out.putNextEntry(new ZipEntry("echo/zeros.bin"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 100; i++) {
                out.write(zeros);
            }
        });
    }

    @AfterAll
    static void cleanUp() {
        Folders.delete(work);
    }

    @Test
    @DisplayName("grades.csv has a row per student, the faults marked down, and is the same when graded again")
    void gradesTheClass() throws Exception {
        List<String> first = grade("first");
        List<String> second = grade("second");
        assertEquals(first, second, "grading the same class twice gave another grades.csv");
        assertEquals("student,echo,total", first.get(0));
        assertEquals(List.of("alice", "bob", "carol", "dan", "eve", "frank"),
                first.stream().skip(1).map(line -> line.split(",")[0]).toList());
        assertEquals("alice,10.00,10.00", first.get(1));
        double bob = Double.parseDouble(first.get(2).split(",")[1]);
        assertTrue(bob > 5 && bob < 10, "the student whose echo broadcasts loses some points, not all: " + first.get(2));
        assertEquals("carol,10.00,10.00", first.get(3), "a zip with its lessons one folder down");
        assertEquals("dan,0.00,0.00", first.get(4), "no echo lesson");
        assertEquals("eve,0.00,0.00", first.get(5));
        assertEquals("frank,0.00,0.00", first.get(6));
        assertFalse(Files.exists(work.resolve("escaped.txt")) || Files.exists(classFolder.resolve("escaped.txt")),
                "a zip entry escaped its folder");

        Path out = work.resolve("first");
        JsonNode eve = new ObjectMapper().readTree(out.resolve("eve/results.json").toFile());
        assertTrue(eve.get("tests").get(0).get("output").asText().contains("points outside its folder"),
                "eve's report says why her zip was refused: " + eve.get("tests").get(0));
        JsonNode frank = new ObjectMapper().readTree(out.resolve("frank/results.json").toFile());
        assertTrue(frank.get("tests").get(0).get("output").asText().contains("more than 64 MiB"),
                "frank's report says why his zip was refused: " + frank.get("tests").get(0));
        for (String student : List.of("alice", "bob", "carol", "dan", "eve", "frank")) {
            for (String report : List.of("results.json", "junit.xml", "report.html")) {
                assertTrue(Files.isRegularFile(out.resolve(student).resolve(report)), student + "/" + report);
            }
        }
        String page = Files.readString(out.resolve("report.html"));
        assertTrue(page.contains("<a href=\"bob/report.html\">bob</a>"), "the class report links each student");
        assertTrue(page.contains("<svg") && !page.contains("http://") && !page.contains("https://"),
                "the histogram is inline and nothing is fetched from the network");
        assertTrue(page.contains("sends the reply only to the client that sent the message"),
                "the check bob failed is ranked among the most failed");
    }

    private List<String> grade(String name) throws Exception {
        Path log = work.resolve(name + ".log");
        Process grader = new ProcessBuilder(GraderJvm.command(Grade.class, List.of("-Dwslab.kit=" + KIT.root()),
                List.of("--submissions=" + classFolder, "--lessons=echo", "--out=" + work.resolve(name), "--end-with-parent")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(grader.waitFor(5, TimeUnit.MINUTES), "the class was not graded within 5 minutes");
        } finally {
            ProcessTrees.end(List.of(grader.toHandle()), java.time.Duration.ofSeconds(10));
        }
        assertEquals(0, grader.exitValue(), Files.readString(log));
        return Files.readAllLines(work.resolve(name).resolve("grades.csv"));
    }

    private interface ZipWriter {
        void write(ZipOutputStream out) throws IOException;
    }

    private static void zip(Path file, ZipWriter writer) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream out = new ZipOutputStream(raw)) {
            writer.write(out);
            out.closeEntry();
        }
    }
}
