package wslab.checks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import wslab.grading.Hosts;
import wslab.grading.ProcessTrees;
import wslab.grading.ServerArchive;
import wslab.grading.ServerJdk;

/**
 * A lesson's server, running as its own process: its own JVM, a memory cap, its own temporary working
 * folder. Reads its console as it comes, with a cap so that a flood cannot exhaust the checks.
 */
public final class LessonProcess implements AutoCloseable {

    public static final Pattern READY = Pattern.compile("LISTENING AT (\\S+):(\\d+)");


    private final Process process;
    private final long launched = System.nanoTime();
    private final Path workDir;
    private final Console stdout;
    private final Console stderr;
    private final List<String> args;
    private final String connectHost;
    private final boolean sandboxed;
    private final ServerJdk jdk;
    private volatile ProcessHandle server;
    /** The limit of the sandbox that stopped this server from outside (its folder's size), if one did. */
    private volatile String folderLimit;

    private LessonProcess(Process process, Path workDir, List<String> args, boolean sandboxed, ServerJdk jdk) {
        this.process = process;
        this.jdk = jdk;
        this.sandboxed = sandboxed;
        this.workDir = workDir;
        this.args = args;
        this.connectHost = ServerCommand.hostOption(args).filter(h -> !Hosts.isWildcard(h)).orElse(Hosts.LOOPBACK);
        Leftovers.endAtExit(process);
        this.stdout = Console.reading(process.getInputStream(), "stdout");
        this.stderr = Console.reading(process.getErrorStream(), "stderr");
    }

    /** Starts the lesson's main class with {@code args}; does not wait for the ready line. */
    public static LessonProcess launch(ServerCode code, Path workDir, List<String> args) {
        return launch(code, workDir, args, false, workDir);
    }

    /**
     * Starts the lesson's main class with {@code args}. A run {@code toBeRefused} (a bad option, a taken
     * port: it should end at once) is interpreted only, which costs a fifth less processor time than
     * compiling code it will not run long enough to need; what it prints and how it ends are the same.
     * No server writes a performance-data file ({@code -XX:-UsePerfData}): the heap checks attach by process id.
     * Every server's JVM sees two processors whatever the machine has, so Java-WebSocket runs two worker
     * threads everywhere (not one per core of a big machine): a grade does not depend on the machine's cores.
     * The checks for state shared between connections need two real cores to catch a race every time.
     * The server is started through the kit's {@code wslab.plumbing.ParentWatch}, which runs its main as
     * {@code java} would and ends it once this JVM is gone, even killed without its shutdown hooks.
     * Where this machine has a {@link Sandbox}, the server runs in it, and sees of the file system, besides the
     * system, its class path and its class-data archive (if any, {@link ServerCode#archive}), only {@code shared} (which holds {@code workDir}): the checks' own folder.
     */
    static LessonProcess launch(ServerCode code, Path workDir, List<String> args, boolean toBeRefused, Path shared) {
        Optional<Sandbox> sandbox = Sandbox.get();
        List<String> command = ServerCommand.java(code.jdk(), toBeRefused);
        // Ends with this JVM, however it ends (even SIGKILL): the kit's ParentWatch runs the lesson's main. In the
        // sandbox this JVM is out of sight: the server ends once its standard input, which this JVM holds, ends
        // (and the sandbox ends with the thread that started it, but not if this JVM ended while it started).
        command.add(sandbox.isEmpty() ? "-D" + ServerCommand.PARENT_PID + "=" + ProcessHandle.current().pid() : "-D" + ServerCommand.PARENT_STDIN + "=true");
        List<String> archive = code.archive().map(a -> ServerArchive.useOptions(code.jdk(), a)).orElse(List.of());
        command.addAll(archive);
        command.addAll(List.of("-cp", code.classPath(), ServerCommand.PARENT_WATCH, code.mainClass()));
        command.addAll(args);
        try {
            Files.createDirectories(workDir);
            if (sandbox.isPresent()) {
                List<Path> readOnly = new ArrayList<>(Stream.of(code.classPath().split(java.io.File.pathSeparator))
                        .filter(e -> !e.isEmpty()).map(Path::of).toList());
                if (!archive.isEmpty()) {
                    readOnly.add(code.archive().get()); // the JVM in the sandbox reads it too
                }
                command = sandbox.get().wrap(command, readOnly, shared, workDir);
            }
            Process process = Sandbox.start(new ProcessBuilder(command).directory(workDir.toFile()));
            if (sandbox.isEmpty()) {
                process.getOutputStream().close();
            } // else held open: its end ends the server
            LessonProcess started = new LessonProcess(process, workDir, List.copyOf(args), sandbox.isPresent(), code.jdk());
            if (sandbox.isPresent()) {
                Sandbox.watchFolder(shared, process, limit -> started.folderLimit = limit);
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start java for " + code.mainClass(), e);
        }
    }




    /** A port that nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code LISTENING AT host:port}; fails with the console if the server exits or is silent. */
    public LessonProcess awaitReady(Duration limit) {
        Optional<String> line = stdout.await(0, l -> READY.matcher(l).matches(), limit);
        if (line.isEmpty()) {
            String why = process.isAlive()
                    ? "no line 'LISTENING AT <host>:<port>' on stdout within " + limit.toSeconds() + " s"
                    : "the server exited with status " + process.exitValue()
                            + " before printing 'LISTENING AT <host>:<port>'";
            throw new AssertionError(Report.of("the server prints LISTENING AT <host>:<port> once it accepts connections")
                    .sent("started with " + String.join(" ", args))
                    .got(why)
                    .console(this)
                    .toString());
        }
        ServerStarts.add(System.nanoTime() - launched);
        return this;
    }


    public String readyLine() {
        return stdout.lines().stream().filter(l -> READY.matcher(l).matches()).findFirst().orElse("");
    }

    public int port() {
        Matcher m = READY.matcher(readyLine());
        if (!m.matches()) {
            throw new IllegalStateException("the server has not printed its ready line");
        }
        return Integer.parseInt(m.group(2));
    }

    /**
     * The address a client on this computer connects to: 127.0.0.1, or the address given with
     * {@code --host} when the server listens on one address only.
     */
    public URI uri() {
        return uri(connectHost);
    }

    /** The server's address at {@code host}; 127.0.0.1 stands for this computer, as {@link #uri()} reaches it. */
    public URI uri(String host) {
        return URI.create("ws://" + Hosts.urlHost(Hosts.LOOPBACK.equals(host) ? connectHost : host) + ":" + port() + "/");
    }

    public Console stdout() {
        return stdout;
    }

    public Console stderr() {
        return stderr;
    }

    /** The JDK the server runs with. */
    public ServerJdk jdk() {
        return jdk;
    }

    public Path workDir() {
        return workDir;
    }

    /** The server's JVM (in the sandbox, the process below the sandbox's own that runs java). */
    public long pid() {
        return server().pid();
    }

    private ProcessHandle server() {
        ProcessHandle found = server;
        if (found == null && sandboxed) {
            String javaPath = jdk.java().toString();
            found = process.descendants()
                    .filter(p -> p.info().command().map(c -> c.equals(javaPath) || c.endsWith("/java")).orElse(false))
                    .min(Comparator.comparing(p -> p.info().startInstant().orElse(java.time.Instant.MAX)))
                    .orElse(null);
            server = found;
        }
        return found != null ? found : process.toHandle();
    }

    /** What a limit of the sandbox stopped, if the server reached one: from its exit status and console. */
    public Optional<String> limitReached() {
        if (!sandboxed) {
            return Optional.empty();
        }
        if (folderLimit != null) {
            return Optional.of(folderLimit);
        }
        List<String> console = new ArrayList<>(stderr.tail(40));
        console.addAll(stdout.tail(10));
        return Sandbox.stopped(exitStatus(), console);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's exit status once it has ended; empty while it runs. */
    public OptionalInt exitStatus() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Waits up to {@code limit} for the process to end; its status, or empty if it still runs. */
    public OptionalInt awaitExit(Duration limit) {
        try {
            if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                stdout.awaitEnd(Duration.ofSeconds(2));
                stderr.awaitEnd(Duration.ofSeconds(2));
                return OptionalInt.of(process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OptionalInt.empty();
    }

    /** Ctrl-C / SIGTERM. */
    public void terminate() {
        ProcessHandle jvm = server();
        if (jvm.pid() == process.pid()) {
            process.destroy();
        } else {
            jvm.destroy(); // SIGTERM to the server's JVM: the sandbox around it ends when it does
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing more is written. */
    public void kill() {
        ProcessTrees.end(List.of(process.toHandle()), Duration.ofSeconds(10));
        awaitExit(Duration.ofSeconds(10));
    }

    /** The last {@code count} lines the server printed, stdout and stderr, for a failure message. */
    public List<String> consoleTail(int count) {
        return consoleTail(count, 0, 0);
    }

    /** The last {@code count} lines printed since stdout had {@code fromOut} lines and stderr {@code fromErr}. */
    public List<String> consoleTail(int count, int fromOut, int fromErr) {
        List<String> lines = new ArrayList<>(stdout.linesFrom(fromOut));
        stderr.linesFrom(fromErr).forEach(l -> lines.add("stderr: " + l));
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        Leftovers.delete(workDir);
    }

}
