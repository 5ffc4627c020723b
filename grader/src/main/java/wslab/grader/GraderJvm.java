package wslab.grader;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The flags of every JVM that grades: quick to start and light (the client compiler only, the serial
 * collector), and allowed to attach to a server's JVM for the heap checks (without, they start {@code jcmd}).
 * The poms start the grader and the lessons' tests with the same flags; a unit test holds them to these.
 *
 * <p>A grader JVM the kit starts itself ({@link #command}, {@link #relaunch}) starts from its class-data archive
 * ({@link GraderArchive}) when its class path is jars only, and says how it started in {@link #STARTED}.
 */
public final class GraderJvm {

    public static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED");

    /** The system property that says how the kit started a grader JVM ({@link Start}); absent when the user did. */
    public static final String STARTED = "wslab.grader.jvm";

    /** How a grader JVM started, as its reports say. */
    public enum Start {
        /** From its class-data archive. */
        ARCHIVE("from its class-data archive"),
        /** Without one, writing one for the next runs when it ends. */
        MAKING("without a class-data archive; writing one for the next runs"),
        /** Without one. */
        PLAIN("without a class-data archive");

        private final String words;

        Start(String words) {
            this.words = words;
        }

        /** How this JVM started. */
        public static Start ofThisJvm() {
            try {
                return valueOf(System.getProperty(STARTED, "PLAIN"));
            } catch (IllegalArgumentException e) {
                return PLAIN;
            }
        }

        /** For the reports. */
        public String words() {
            return words;
        }
    }

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
        if (options.stream().noneMatch(o -> o.startsWith("-D" + STARTED + "="))) {
            command.add("-D" + STARTED + "=" + Start.PLAIN);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(arguments);
        return command;
    }

    /**
     * Runs {@code main} with {@code args} again in a JVM that starts from its class-data archive, when this JVM was
     * started by the user ({@code java -jar}) and its class path is jars only; its exit status, or empty when this
     * JVM is to run {@code main} itself. The JVM started gets this JVM's own options (system properties included),
     * ends with this one (it watches it, even killed), and is stopped as this one is (SIGTERM, Ctrl-C).
     */
    public static Optional<Integer> relaunch(Class<?> main, String[] args) {
        if (System.getProperty(STARTED) != null) {
            return Optional.empty();
        }
        List<String> given = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (given.stream().anyMatch(o -> o.contains("SharedArchiveFile") || o.contains("AOTCache")
                || o.contains("ArchiveClassesAtExit") || o.startsWith("-agentlib") || o.startsWith("-javaagent"))) {
            return Optional.empty(); // the user chose the JVM's archive, or watches it: run here
        }
        Optional<GraderArchive> archive = GraderArchive.of(System.getProperty("java.class.path"));
        if (archive.isEmpty()) {
            return Optional.empty();
        }
        List<String> options = new ArrayList<>(given);
        options.addAll(archive.get().options());
        options.add("-D" + Grade.PARENT_PID + "=" + ProcessHandle.current().pid());
        Process grader;
        try {
            grader = new ProcessBuilder(command(main, options, List.of(args))).inheritIO().start();
        } catch (java.io.IOException e) {
            return Optional.empty(); // run here
        }
        Thread stop = new Thread(() -> {
            if (grader.isAlive()) {
                grader.destroy(); // SIGTERM: it stops as it would, and ends its servers and browser
                try {
                    if (!grader.waitFor(30, TimeUnit.SECONDS)) {
                        grader.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    grader.destroyForcibly();
                }
            }
        }, "stop-grader");
        Runtime.getRuntime().addShutdownHook(stop);
        if (List.of(args).contains("--end-with-parent") || List.of(args).contains("--end-with-parent=true")) {
            // as the grader would: once the process that started this one is gone, even killed, stop grading
            ProcessHandle.current().parent().map(ProcessHandle::onExit).ifPresent(gone -> gone.thenRun(() -> System.exit(143)));
        }
        int status;
        try {
            status = grader.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            grader.destroyForcibly();
            status = 143;
        }
        // a run that graded, whatever the score, wrote an archive worth keeping
        archive.get().settle(status == 0 || status == CommandLines.FAILED ? 0 : status);
        return Optional.of(status);
    }
}
