package wslab.grader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags of every JVM that grades: quick to start and light (the client compiler only, the serial
 * collector), and allowed to attach to a server's JVM for the heap checks (without, they start {@code jcmd}).
 * The poms start the grader and the lessons' tests with the same flags; a unit test holds them to these.
 */
public final class GraderJvm {

    public static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED");

    private GraderJvm() {
    }

    /**
     * The command that runs {@code main} in a JVM of its own: this JVM's {@code java}, the flags, {@code options}
     * (system properties and the like), this JVM's class path, then {@code arguments}.
     */
    public static List<String> command(Class<?> main, List<String> options, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FLAGS);
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(arguments);
        return command;
    }
}
