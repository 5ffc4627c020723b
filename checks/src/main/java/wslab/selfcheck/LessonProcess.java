package wslab.selfcheck;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import wslab.grading.FolderTrees;
import wslab.grading.Hosts;
import wslab.grading.ProcessTrees;
import wslab.grading.Setting;

/**
 * A lesson's server, running as its own process: its own JVM, a memory cap, its own temporary working
 * folder. Reads its console as it comes, with a cap so that a flood cannot exhaust the checks.
 */
public final class LessonProcess implements AutoCloseable {

    static final Pattern READY = Pattern.compile("LISTENING AT (\\S+):(\\d+)");
    /** This computer, as the checks reach a server that listens on loopback or on every interface. */
    /** The kit's class that runs a server's main and ends it when the JVM that started it is gone. */
    static final String PARENT_WATCH = "wslab.plumbing.ParentWatch";
    static final String PARENT_PID = "wslab.parent.pid";
    static final String PARENT_STDIN = "wslab.parent.stdin";
    private static final int CONSOLE_LINE_LIMIT = 50_000;
    private static final int CONSOLE_CHAR_LIMIT = 16 * 1024 * 1024;

    /** Every server still running, stopped by a shutdown hook if the checks are interrupted (Ctrl-C). */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Loaded now: a grader's shutdown hooks may run after its working folder, which holds these classes, is deleted. */
    private static final Class<?> TREES = ProcessTrees.class;

    /** Folders of the checks deleted by the same hook, once the servers that work in them are gone. */
    private static final java.util.Set<Path> SCRATCH = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ProcessTrees.end(RUNNING.stream().map(Process::toHandle).toList(), Duration.ofSeconds(5));
            SCRATCH.forEach(LessonProcess::deleteQuietly);
        }, "stop-lesson-servers"));
    }

    /**
     * Deletes {@code dir} when this JVM ends, at the latest (a self-check stopped with Ctrl-C or SIGTERM in the
     * middle of a class of checks); deleting it before is fine.
     */
    static Path deleteAtExit(Path dir) {
        SCRATCH.add(dir);
        return dir;
    }

    private static final java.util.concurrent.atomic.AtomicLong STARTS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong START_NANOS = new java.util.concurrent.atomic.AtomicLong();

    private final Process process;
    private final long launched = System.nanoTime();
    private final Path workDir;
    private final Console stdout = new Console();
    private final Console stderr = new Console();
    private final List<String> args;
    private final String connectHost;
    private final boolean sandboxed;
    private volatile ProcessHandle server;
    /** The limit of the sandbox that stopped this server from outside (its folder's size), if one did. */
    private volatile String folderLimit;

    private LessonProcess(Process process, Path workDir, List<String> args, boolean sandboxed) {
        this.process = process;
        this.sandboxed = sandboxed;
        this.workDir = workDir;
        this.args = args;
        this.connectHost = hostOption(args).filter(h -> !Hosts.isWildcard(h)).orElse(Hosts.LOOPBACK);
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
        pump(process.getInputStream(), stdout, "stdout");
        pump(process.getErrorStream(), stderr, "stderr");
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
     * system and its class path, only {@code shared} (which holds {@code workDir}): the checks' own folder.
     */
    static LessonProcess launch(ServerCode code, Path workDir, List<String> args, boolean toBeRefused, Path shared) {
        Optional<Sandbox> sandbox = Sandbox.get();
        List<String> command = java(toBeRefused);
        // Ends with this JVM, however it ends (even SIGKILL): the kit's ParentWatch runs the lesson's main. In the
        // sandbox this JVM is out of sight: the server ends once its standard input, which this JVM holds, ends
        // (and the sandbox ends with the thread that started it, but not if this JVM ended while it started).
        command.add(sandbox.isEmpty() ? "-D" + PARENT_PID + "=" + ProcessHandle.current().pid() : "-D" + PARENT_STDIN + "=true");
        command.addAll(List.of("-cp", code.classPath(), PARENT_WATCH, code.mainClass()));
        command.addAll(args);
        try {
            Files.createDirectories(workDir);
            if (sandbox.isPresent()) {
                List<Path> classPath = Stream.of(code.classPath().split(java.io.File.pathSeparator))
                        .filter(e -> !e.isEmpty()).map(Path::of).toList();
                command = sandbox.get().wrap(command, classPath, shared, workDir);
            }
            Process process = Sandbox.start(new ProcessBuilder(command).directory(workDir.toFile()));
            if (sandbox.isEmpty()) {
                process.getOutputStream().close();
            } // else held open: its end ends the server
            LessonProcess started = new LessonProcess(process, workDir, List.copyOf(args), sandbox.isPresent());
            if (sandbox.isPresent()) {
                Sandbox.watchFolder(shared, process, limit -> started.folderLimit = limit);
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start java for " + code.mainClass(), e);
        }
    }

    /** The {@code java} command and options every server runs with; {@code toBeRefused}: interpreted only. */
    static List<String> java(boolean toBeRefused) {
        return new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Xss512k", "-XX:ActiveProcessorCount=2", "-XX:+UseSerialGC", "-XX:-UsePerfData", toBeRefused ? "-Xint" : "-XX:TieredStopAtLevel=1",
                // what the JVM reserves stays under the sandbox's memory limit (it reserves 1 GB for classes otherwise)
                "-XX:CompressedClassSpaceSize=64m", "-XX:ReservedCodeCacheSize=64m",
                "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8"));
    }

    /**
     * The address given by {@code -Dwslab.server.host}, if any: where the servers listen and the pages
     * connect, for browsers on another machine (a Selenium Grid). An address of this computer those
     * browsers can reach; not a wildcard such as 0.0.0.0, which no browser can connect to.
     */
    static Optional<String> serverHost(Function<String, Optional<String>> configuration) {
        Optional<String> host = configuration.apply(Setting.SERVER_HOST.key()).map(String::trim)
                .filter(h -> !h.isEmpty());
        if (host.isPresent() && (Hosts.isWildcard(host.get()) || !host.get().matches("[\\w.:\\[\\]-]+"))) {
            throw new IllegalStateException(Setting.SERVER_HOST.key() + " must be one address of this computer that "
                    + "the browsers can reach (like 192.168.1.20), not " + Report.show(host.get()));
        }
        return host;
    }

    /** The value of {@code --host} in a server's arguments, if given. */
    static Optional<String> hostOption(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--host") && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
            if (args.get(i).startsWith("--host=")) {
                return Optional.of(args.get(i).substring("--host=".length()));
            }
        }
        return Optional.empty();
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
        STARTS.incrementAndGet();
        START_NANOS.addAndGet(System.nanoTime() - launched);
        return this;
    }

    /** For the grader's timings: how many servers became ready. */
    static long readyStarts() {
        return STARTS.get();
    }

    /** For the grader's timings: the seconds the servers that became ready took to start, in all. */
    static double readySeconds() {
        return START_NANOS.get() / 1e9;
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
            String javaPath = Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
        deleteQuietly(workDir);
    }

    static void deleteQuietly(Path dir) {
        SCRATCH.remove(dir);
        FolderTrees.delete(dir);
    }

    private static void pump(InputStream in, Console console, String name) {
        Thread thread = new Thread(() -> {
            long[] chars = {0};
            try {
                BoundedLines.forEach(in, line -> {
                    chars[0] += line.length();
                    if (console.size() < CONSOLE_LINE_LIMIT && chars[0] < CONSOLE_CHAR_LIMIT) {
                        console.add(line);
                    } else {
                        console.overflow();
                    }
                });
            } catch (IOException e) {
                // the process ended
            } finally {
                console.end();
            }
        }, "console-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** One console stream's lines, awaited on a condition with a time limit. */
    public static final class Console {
        private final List<String> lines = new ArrayList<>();
        private boolean ended;
        private boolean overflowed;

        synchronized void add(String line) {
            lines.add(line);
            notifyAll();
        }

        synchronized void overflow() {
            overflowed = true;
        }

        synchronized void end() {
            ended = true;
            notifyAll();
        }

        public synchronized int size() {
            return lines.size();
        }

        public synchronized boolean overflowed() {
            return overflowed;
        }

        public synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        public synchronized List<String> linesFrom(int index) {
            return List.copyOf(lines.subList(Math.min(index, lines.size()), lines.size()));
        }

        synchronized List<String> tail(int count) {
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        }

        /** The first line at or after {@code from} that matches, waiting up to {@code limit}. */
        public synchronized Optional<String> await(int from, Predicate<String> match, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            int next = from;
            while (true) {
                for (; next < lines.size(); next++) {
                    if (match.test(lines.get(next))) {
                        return Optional.of(lines.get(next));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended) {
                    return Optional.empty();
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }

        /** Waits until {@code count} lines have been printed since {@code from}; the lines there are. */
        public synchronized List<String> awaitCount(int from, int count, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (lines.size() - from < count && !ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return linesFrom(from);
        }

        synchronized void awaitEnd(Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
