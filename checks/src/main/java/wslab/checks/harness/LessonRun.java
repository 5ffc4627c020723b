package wslab.checks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;
import wslab.grading.Hosts;
import wslab.grading.Setting;

/**
 * One run of a lesson's checks: the server they share, the other servers they start, their folder, the
 * settings the grader gave, and how far the lesson's basic rule has got. {@link LessonExtension} keeps it up
 * to date; the checks use it through {@code EveryLessonRules}.
 */
public final class LessonRun {

    /** How long a server may take to print its ready line. */
    public static final Duration START_LIMIT = Duration.ofSeconds(15);
    private static final long DEFAULT_LESSON_LIMIT_SECONDS = 180;

    private final LessonChecks checks;
    private final Function<String, Optional<String>> configuration;
    private final long deadline;
    private final ServerCode code;
    private final Path scratch;
    private final List<LessonProcess> launched = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();
    private LessonProcess server;

    // the check now running
    private String checkName = "";
    private ExtensionContext checkContext;
    private boolean aliveBefore;
    private int stdoutMark;
    private int stderrMark;

    // the lesson's basic rule: its checks' results, or (a check run alone) the lesson's own proof
    private final int basicChecks;
    private final List<String> basicFailed = new ArrayList<>();
    private int basicPassed;
    private boolean lessonChecked;
    private String lessonFailure;

    LessonRun(LessonChecks checks, ExtensionContext context, int basicChecks) throws IOException {
        this.checks = checks;
        this.configuration = context::getConfigurationParameter;
        this.deadline = System.nanoTime() + Duration.ofSeconds(lessonLimitSeconds()).toNanos();
        this.code = ServerCode.from(configuration);
        this.basicChecks = basicChecks;
        // Inside the grader's own working folder when it gives one (deleted with it, even when it is stopped).
        String prefix = "wslab-" + context.getRequiredTestClass().getSimpleName();
        Optional<String> parent = configuration.apply(Setting.SCRATCH.key());
        this.scratch = Leftovers.deleteAtExit(parent.isPresent()
                ? Files.createTempDirectory(Path.of(parent.get()), prefix) : Files.createTempDirectory(prefix));
    }

    /** The server the checks share, started before the first check. */
    public LessonProcess server() {
        return server;
    }

    /** A folder for this run's files (logs, reply lists); deleted afterwards. */
    public Path scratch() {
        return scratch;
    }

    /** Starts another copy of the server on a free port and waits for its ready line. */
    public LessonProcess start(List<String> lessonArguments) {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(LessonProcess.freePort())));
        args.addAll(lessonArguments);
        return launchIn(nextRunFolder(), args, false).awaitReady(START_LIMIT);
    }

    /** A working folder of its own for the next server launched. */
    public Path nextRunFolder() {
        return scratch.resolve("run-" + runs.incrementAndGet());
    }

    /**
     * Starts the server with {@code args} in the working folder {@code workDir}; does not wait. Stopped after
     * the lesson's checks. A run {@code toBeRefused} (a bad option, a taken port) gets a smaller JVM. With
     * {@code -Dwslab.server.host} (browsers on another machine), a lesson whose server listens on 127.0.0.1
     * by default gets {@code --host} that address, unless {@code args} give their own.
     */
    public LessonProcess launchIn(Path workDir, List<String> args, boolean toBeRefused) {
        Optional<String> host = givenHost();
        List<String> withHost = args;
        if (host.isPresent() && ServerCommand.hostOption(args).isEmpty()) {
            withHost = new ArrayList<>(args);
            withHost.addAll(List.of("--host", host.get()));
        }
        // In the sandbox, the server sees the checks' folder: its working folder and the files they give it.
        LessonProcess process = LessonProcess.launch(code, workDir, withHost, toBeRefused, scratch);
        synchronized (launched) {
            launched.add(process);
        }
        return process;
    }

    /**
     * Opens the kit's page {@code file} pointed at the shared server (at {@code host}), and waits until it
     * shows the connection open. {@code extraQuery} adds URL parameters, like {@code "&hide=0"}.
     */
    public Page openPage(String file, String host, String extraQuery) {
        String pageHost = Hosts.pageHost(host, ServerCommand.serverHost(configuration));
        return Page.open(configuration, file, "host=" + pageHost + "&port=" + server.port() + extraQuery, checkName);
    }

    /** The address the servers are given with --host: {@code -Dwslab.server.host}, for a lesson that listens on 127.0.0.1 by default. */
    public Optional<String> givenHost() {
        return Hosts.LOOPBACK.equals(checks.defaultHost()) ? ServerCommand.serverHost(configuration) : Optional.empty();
    }

    /** The host the shared server's ready line names. */
    public String readyHost() {
        return givenHost().orElse(checks.defaultHost());
    }

    /** Adds a note to the current check's report entry (the grader shows it beside the check). */
    public void note(String text) {
        if (checkContext != null) {
            checkContext.publishReportEntry("note", text);
        }
    }

    /** Starts the server the checks share, with the lesson's {@code lessonArguments}, and waits for its ready line. */
    public LessonProcess startServer(List<String> lessonArguments) {
        server = start(lessonArguments);
        return server;
    }

    void end() {
        synchronized (launched) {
            launched.forEach(LessonProcess::close);
        }
        Leftovers.delete(scratch);
    }

    /** The lesson's time limit ({@link Setting#LESSON_LIMIT}), in seconds. */
    long lessonLimitSeconds() {
        return configuration.apply(Setting.LESSON_LIMIT.key()).map(Long::parseLong).orElse(DEFAULT_LESSON_LIMIT_SECONDS);
    }

    boolean outOfTime() {
        return System.nanoTime() > deadline;
    }

    void beginCheck(ExtensionContext context) {
        aliveBefore = server.isAlive();
        stdoutMark = server.stdout().size();
        stderrMark = server.stderr().size();
        checkContext = context;
        checkName = context.getParent().map(ExtensionContext::getDisplayName).orElse("") + " " + context.getDisplayName();
    }

    /** The shared server's console since the current check began, and whether it exited meanwhile. */
    String consoleOfThisCheck() {
        return Report.exited(server, aliveBefore) + Report.consoleSince(server, stdoutMark, stderrMark);
    }

    void basicCheckEnded(String name, boolean passed) {
        if (passed) {
            basicPassed++;
        } else {
            basicFailed.add(name);
        }
    }

    /**
     * Stops the current check at once (aborted, not passed) unless the lesson's basic rule works: its
     * basic checks passed. If they have not run (a check run alone), the lesson's own proof is asked
     * instead (found out once), and the check fails if it does not work.
     */
    void requireLessonWorks() {
        if (!basicFailed.isEmpty()) {
            throw new CheckFailure.Waiting("cannot check until \"" + String.join("\" and \"", basicFailed) + "\" works");
        }
        if (basicChecks > 0 && basicPassed == basicChecks) {
            return;
        }
        if (!lessonChecked) {
            lessonChecked = true;
            try {
                checks.assertLessonWorks();
            } catch (AssertionError e) {
                lessonFailure = e.getMessage();
            }
        }
        if (lessonFailure != null) {
            // no check of the basic rule has failed to show why (it did not run): this check fails, saying why
            throw CheckFailure.waiting("cannot check until the lesson's own rule works:\n" + lessonFailure, null);
        }
    }
}
