package wslab.checks.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import wslab.grading.ProcessTrees;
import wslab.grading.SandboxUse;
import wslab.grading.ServerJdk;
import wslab.grading.Setting;

/**
 * Where a student's server runs: a bubblewrap sandbox ({@code bwrap}, Linux) that shows it a read-only system
 * and JDK, its lesson's classes and libraries read-only, its own working folder writable and nothing else of
 * the file system (no home folder, no other student, no report). It has its own process namespace and session:
 * every process it starts ends with it. The loopback network is shared, for the checks and the browser.
 * Limits, set with {@code prlimit} inside the sandbox, cap what one server can take: {@link Limit}. It runs
 * at a lower priority ({@link #NICE}), so a server that spins cannot starve the checks or the browser. Run as root (a
 * container, Gradescope, CI), the server runs as a user of its own that owns nothing ({@code setpriv}).
 *
 * <p>Where bubblewrap is missing or cannot work (macOS, Windows, a kernel without user namespaces), or with
 * {@code -Dwslab.sandbox=off}, servers run as plain processes, as before, and {@link #description()} says
 * why. Nothing fails for its absence.
 */
public final class Sandbox {

    /** A limit on one server: what is capped, and the {@code prlimit} option that caps it. */
    enum Limit {
        PROCESSES("--nproc=256", "256 processes and threads"),
        OPEN_FILES("--nofile=1024", "1024 open files"),
        FILE_SIZE("--fsize=" + 64L * 1024 * 1024, "64 MB a file"),
        /** The address space: the heap (256 MB), what the JVM reserves for itself, threads' stacks, native memory. */
        MEMORY("--as=" + 1024L * 1024 * 1024, "1 GB of memory"),
        /** Processor time: SIGXCPU at 60 s, SIGKILL at 70 s. */
        PROCESSOR_TIME("--cpu=60:70", "60 s of processor time"),
        CORE_DUMPS("--core=0", "no core dump");

        final String option;
        final String shown;

        Limit(String option, String shown) {
            this.option = option;
            this.shown = shown;
        }
    }

    /**
     * How much lower a server's priority is than the checks' and the browser's. Each sandbox is a session, and
     * so (where Linux groups sessions, its autogroup) a scheduling group of its own: a server that spins on
     * every thread takes one group's share, not one thread's each. Its group weighs 655 to their 1024; much
     * lower, a correct server would start and answer slowly whenever the machine is busy with anything else,
     * and its grade would depend on that.
     */
    static final int NICE = 2;

    /** The most the writable folder may hold, all files together: past it, its servers are stopped. */
    static final long FOLDER_BYTES = 256L * 1024 * 1024;
    /** The most files and folders the writable folder may hold. */
    static final int FOLDER_FILES = 10_000;
    private static final Duration FOLDER_LOOK = Duration.ofMillis(500);
    private static final java.util.concurrent.ScheduledExecutorService WATCH =
            Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "watch-server-folders");
                thread.setDaemon(true);
                return thread;
            });

    /** The size of the sandbox's own {@code /tmp}, in memory. */
    static final long TMP_BYTES = 64L * 1024 * 1024;
    /** How an exit status tells which limit ended the server (128 + the signal's number on Linux). */
    private static final int SIGXCPU_STATUS = 128 + 24;
    private static final int SIGXFSZ_STATUS = 128 + 25;

    private static final Duration PROBE_LIMIT = Duration.ofSeconds(20);

    /**
     * Servers are started from this one thread, which lives as long as the JVM: the sandbox ends when the
     * thread that started it ends (Linux's parent-death signal follows a thread, not a process).
     */
    private static final ExecutorService STARTER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "start-lesson-servers");
        thread.setDaemon(true);
        return thread;
    });

    private static volatile Optional<Sandbox> probed;
    private static final java.util.Map<Path, Integer> USERS = new java.util.concurrent.ConcurrentHashMap<>();
    private static volatile String whyNot = "";

    private final Path bwrap;
    private final boolean root;

    private Sandbox(Path bwrap, boolean root) {
        this.bwrap = bwrap;
        this.root = root;
    }

    /** The sandbox servers run in, if this machine has one; found once per JVM. */
    static Optional<Sandbox> get() {
        Optional<Sandbox> sandbox = probed;
        if (sandbox == null) {
            synchronized (Sandbox.class) {
                if (probed == null) {
                    probed = probe();
                }
                sandbox = probed;
            }
        }
        return sandbox;
    }

    /** The sandbox servers ran in and its limits, or that they ran without one, and why. */
    static SandboxUse use() {
        return get().map(sandbox -> SandboxUse.in(sandbox.describe())).orElseGet(() -> SandboxUse.none(whyNot));
    }

    /** Whether servers run in the sandbox. */
    public static boolean on() {
        return get().isPresent();
    }

    private String describe() {
        StringBuilder text = new StringBuilder("bubblewrap");
        if (root) {
            text.append(", a user of its own");
        }
        text.append(", lower priority (nice ").append(NICE).append("), at most ");
        List<String> limits = Stream.of(Limit.values()).filter(l -> l != Limit.CORE_DUMPS).map(l -> l.shown).toList();
        return text.append(String.join(", ", limits)).append(" per server, no core dumps; ")
                .append(FOLDER_BYTES / 1024 / 1024).append(" MB in its folder, ").append(TMP_BYTES / 1024 / 1024)
                .append(" MB in its /tmp").toString();
    }

    private static Optional<Sandbox> probe() {
        String setting = System.getProperty(Setting.SANDBOX.key(), "").trim();
        if (setting.equalsIgnoreCase("off")) {
            whyNot = "turned off on the command line (grader: --no-sandbox, self-check: -D" + Setting.SANDBOX.key()
                    + "=off)";
            return Optional.empty();
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            whyNot = "bubblewrap runs on Linux only, this is " + System.getProperty("os.name");
            return Optional.empty();
        }
        Optional<Path> bwrap = onPath("bwrap");
        if (bwrap.isEmpty()) {
            whyNot = "bwrap is not installed (Debian, Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap)";
            return Optional.empty();
        }
        boolean root = uid() == 0;
        for (String tool : root ? List.of("prlimit", "setpriv", "nice") : List.of("prlimit", "nice")) {
            if (onPath(tool).isEmpty()) {
                whyNot = tool + " is not installed (util-linux, coreutils)";
                return Optional.empty();
            }
        }
        Sandbox sandbox = new Sandbox(bwrap.get(), root);
        Path work = null;
        try {
            work = Files.createTempDirectory("wslab-sandbox-");
            List<String> java = ServerCommand.java(ServerJdk.running(), true);
            java.add("-version");
            List<String> command = sandbox.wrap(java, List.of(), work, work);
            Process trial = start(new ProcessBuilder(command).redirectErrorStream(true));
            trial.getOutputStream().close();
            byte[] out = trial.getInputStream().readNBytes(8192);
            if (!trial.waitFor(PROBE_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTrees.end(List.of(trial.toHandle()), Duration.ofSeconds(5));
                whyNot = "bwrap did not run java within " + PROBE_LIMIT.toSeconds() + " s";
                return Optional.empty();
            }
            if (trial.exitValue() != 0) {
                String first = new String(out, StandardCharsets.UTF_8).lines().findFirst().orElse("")
                        .replaceFirst("^bwrap: ", "");
                whyNot = "bwrap cannot make a sandbox here (" + first + ")";
                return Optional.empty();
            }
            return Optional.of(sandbox);
        } catch (IOException | UncheckedIOException e) {
            whyNot = "bwrap cannot be started: " + e.getMessage();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            whyNot = "interrupted while trying bwrap";
            return Optional.empty();
        } finally {
            if (work != null) {
                Leftovers.delete(work);
            }
        }
    }

    /**
     * The command that runs {@code command} (a {@code java} command line) in the sandbox: {@code readOnly}
     * (class path entries) visible read-only, {@code shared} writable (the folder of the checks that start it:
     * its working folder, and the files they give it), {@code workDir} its working folder.
     */
    List<String> wrap(List<String> command, Collection<Path> readOnly, Path shared, Path workDir) throws IOException {
        List<String> wrapped = new ArrayList<>(List.of(bwrap.toString(),
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--die-with-parent", "--new-session", "--clearenv",
                "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin",
                "--setenv", "LANG", "C.UTF-8",
                "--setenv", "HOME", workDir.toString(),
                // two malloc arenas, not eight per core: what a JVM reserves stays far under the memory limit
                "--setenv", "MALLOC_ARENA_MAX", "2"));
        if (!root) {
            wrapped.addAll(List.of("--unshare-user", "--disable-userns"));
        }
        Set<String> whole = new LinkedHashSet<>(); // the system's folders, shown whole and read-only
        for (String dir : List.of("/usr", "/etc")) {
            wrapped.addAll(List.of("--ro-bind", dir, dir));
            whole.add(dir);
        }
        for (String top : List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32")) {
            Path path = Path.of("/", top);
            if (Files.isSymbolicLink(path)) {
                wrapped.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), path.toString()));
            } else if (Files.isDirectory(path)) {
                wrapped.addAll(List.of("--ro-bind", path.toString(), path.toString()));
                whole.add(path.toString());
            }
        }
        Set<String> made = new LinkedHashSet<>(whole); // the folders there are in the sandbox
        wrapped.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--perms", "1777", "--size", String.valueOf(TMP_BYTES), "--tmpfs", "/tmp"));
        made.add("/tmp");
        Set<Path> visible = new LinkedHashSet<>();
        visible.add(ServerJdk.homeOf(command.get(0)).toRealPath()); // the JDK that runs the command
        for (Path entry : readOnly) {
            if (Files.exists(entry)) {
                visible.add(entry.toAbsolutePath().normalize());
            }
        }
        for (Path path : visible) {
            if (!within(path, whole)) {
                parents(path, whole, made, wrapped);
                wrapped.addAll(List.of("--ro-bind", path.toString(), path.toString()));
            }
        }
        Path writable = shared.toAbsolutePath().normalize();
        Path work = workDir.toAbsolutePath().normalize();
        if (!work.startsWith(writable)) {
            throw new IllegalArgumentException(work + " is not in " + writable);
        }
        parents(writable, whole, made, wrapped);
        wrapped.addAll(List.of("--bind", writable.toString(), writable.toString(), "--chdir", work.toString(), "--"));
        // A lower priority: its session's scheduling group's (Linux's autogroup) and its own (nice).
        wrapped.addAll(List.of("/bin/sh", "-c", "{ echo " + NICE + " > /proc/self/autogroup; } 2>/dev/null; exec \"$@\"",
                "sandbox", "nice", "-n", String.valueOf(NICE), "prlimit"));
        for (Limit limit : Limit.values()) {
            wrapped.add(limit.option);
        }
        wrapped.add("--");
        if (root) {
            // A user of its own for each folder of checks: its servers share their files, and no one else's.
            int uid = USERS.computeIfAbsent(writable, folder -> ThreadLocalRandom.current().nextInt(1_000_000, 2_000_000_000));
            giveTo(writable, uid);
            wrapped.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        }
        wrapped.addAll(command);
        return wrapped;
    }

    /** Starts {@code builder}'s process from the thread that lives as long as this JVM. */
    static Process start(ProcessBuilder builder) throws IOException {
        try {
            return STARTER.submit(builder::start).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + builder.command().get(0), e);
        }
    }

    /**
     * Looks at {@code folder} twice a second while {@code server} runs: once it holds more than
     * {@link #FOLDER_BYTES} or {@link #FOLDER_FILES}, the server is ended and {@code stopped} told which
     * (no file system limit bounds a folder that the checks read from outside the sandbox).
     */
    static void watchFolder(Path folder, Process server, java.util.function.Consumer<String> stopped) {
        java.util.concurrent.CompletableFuture<java.util.concurrent.ScheduledFuture<?>> self = new java.util.concurrent.CompletableFuture<>();
        self.complete(WATCH.scheduleAtFixedRate(() -> {
            if (!server.isAlive()) {
                self.join().cancel(false);
                return;
            }
            long[] bytes = {0};
            long files;
            try (Stream<Path> paths = Files.walk(folder)) {
                files = paths.limit(FOLDER_FILES + 1L).peek(p -> {
                    try {
                        bytes[0] += Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : 0;
                    } catch (IOException e) {
                        // gone while looked at
                    }
                }).count();
            } catch (IOException | UncheckedIOException e) {
                return; // looked at again next time
            }
            if (bytes[0] > FOLDER_BYTES || files > FOLDER_FILES) {
                stopped.accept(bytes[0] > FOLDER_BYTES ? FOLDER_BYTES / 1024 / 1024 + " MB in its folder"
                        : FOLDER_FILES + " files in its folder");
                ProcessTrees.end(List.of(server.toHandle()), Duration.ofSeconds(5));
                self.join().cancel(false);
            }
        }, FOLDER_LOOK.toMillis(), FOLDER_LOOK.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * What a limit of the sandbox stopped, read from how the server ended and what it printed; empty when
     * nothing says a limit was reached.
     */
    static Optional<String> stopped(OptionalInt status, List<String> console) {
        if (status.isPresent() && status.getAsInt() == SIGXCPU_STATUS) {
            return Optional.of(Limit.PROCESSOR_TIME.shown);
        }
        if (status.isPresent() && status.getAsInt() == SIGXFSZ_STATUS) {
            return Optional.of(Limit.FILE_SIZE.shown);
        }
        for (String line : console) {
            if (line.contains("unable to create native thread") || line.contains("Resource temporarily unavailable")
                    || line.contains("Cannot allocate memory") && line.contains("fork")) {
                return Optional.of(Limit.PROCESSES.shown);
            }
            if (line.contains("File too large")) {
                return Optional.of(Limit.FILE_SIZE.shown);
            }
            if (line.contains("Too many open files")) {
                return Optional.of(Limit.OPEN_FILES.shown);
            }
            if (line.contains("No space left on device")) {
                return Optional.of(TMP_BYTES / 1024 / 1024 + " MB in its /tmp");
            }
            if (line.contains("insufficient memory for the Java Runtime") || line.contains("OutOfMemoryError")) {
                return Optional.of(Limit.MEMORY.shown);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code path} is one of {@code roots} or inside one. */
    private static boolean within(Path path, Collection<String> roots) {
        return roots.stream().anyMatch(root -> path.startsWith(Path.of(root)));
    }

    /**
     * Makes {@code path}'s parent folders in the sandbox, open to every user (bwrap makes them for root alone),
     * unless they are there already.
     */
    private static void parents(Path path, Set<String> whole, Set<String> made, List<String> wrapped) {
        List<Path> missing = new ArrayList<>();
        for (Path parent = path.getParent(); parent != null && parent.getParent() != null; parent = parent.getParent()) {
            if (made.contains(parent.toString())) {
                break;
            }
            if (within(parent, whole)) {
                return; // inside a folder the sandbox shows whole: its parents are the real ones
            }
            missing.add(0, parent);
        }
        for (Path parent : missing) {
            wrapped.addAll(List.of("--perms", "0755", "--dir", parent.toString()));
            made.add(parent.toString());
        }
    }

    /** Makes {@code dir} and all in it belong to {@code uid}, so that the server's own user may write there. */
    private static void giveTo(Path dir, int uid) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static Optional<Path> onPath(String tool) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin:/bin";
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst();
    }

    private static int uid() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> Integer.parseInt(l.split("\\s+")[1])).findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
