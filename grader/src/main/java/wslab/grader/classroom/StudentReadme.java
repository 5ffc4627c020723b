package wslab.grader.classroom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The README of the student's copy, made from the kit's: its sections a student needs, and how Classroom grades. */
final class StudentReadme {

    /** The kit README's sections the student's keeps, after its introduction and how Classroom grades. */
    static final List<String> SECTIONS_KEPT = List.of("## Requirements", "## The lessons");

    private StudentReadme() {
    }

    /**
     * The student's README: the kit README's introduction (what comes before its first {@code ## } heading), then
     * {@code classroomPart} (how Classroom grades), then the kit's {@link #SECTIONS_KEPT}, each to its next heading.
     */
    static String from(Path kitReadme, String classroomPart) throws IOException {
        String kit = Files.readString(kitReadme, StandardCharsets.UTF_8);
        List<String> sections = new ArrayList<>(List.of(kit.split("(?m)^(?=## )")));
        StringBuilder readme = new StringBuilder(sections.get(0).strip()).append("\n\n");
        readme.append(classroomPart.strip()).append("\n\n");
        for (String heading : SECTIONS_KEPT) {
            sections.stream().filter(s -> s.startsWith(heading + "\n")).findFirst()
                    .ifPresent(s -> readme.append(s.strip()).append("\n\n"));
        }
        return readme.toString().strip() + "\n";
    }

}
