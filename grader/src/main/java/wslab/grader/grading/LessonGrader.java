package wslab.grader.grading;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wslab.grader.Kit;
import wslab.grading.CheckSupport;
import wslab.grading.Hosts;
import wslab.grading.SandboxUse;
import wslab.grading.ServerJdk;
import wslab.grading.Setting;

/**
 * Grades lessons of a submission: compiles each lesson on its own, then runs the kit's checks against
 * it. The checks' shared support is loaded once, so that every lesson's page checks use the same
 * browser; the grader asks it for the browser, the sandbox and the timings through {@link CheckSupport}, and
 * gives the checks their {@link Setting settings}. The kit's own code comes compiled with the grader ({@link KitClasses}).
 */
public final class LessonGrader implements AutoCloseable {

    /** One lesson's outcome: its checks, or why none could run. */
    public record LessonResult(String lesson, List<CheckRunner.Check> checks, String problem, double seconds,
                               double compileSeconds) {

        public long passed() {
            return checks.stream().filter(CheckRunner.Check::passed).count();
        }
    }

    private final Kit kit;
    private final Path work;
    private final ClassLoader support;
    /** What the grader asks of the checks' support (the browser, the sandbox, the timings), found in {@link #support}. */
    private final CheckSupport checkSupport;
    /** The kit's code as compiled when the grader was built, where it still matches the kit's sources. */
    private final KitClasses built;
    private final Path checkClasses;
    /** The kit's checks, compiled once per lesson however many submissions are graded. */
    private final Map<String, Path> compiledChecks = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> settings;
    /** The libraries and the kit's plumbing, compiled once: what every lesson's server is compiled and run against. */
    private final String serverClassPath;
    /** The JDK the servers run with. */
    private final ServerJdk serverJdk;
    /** Where {@link #serverClassPath}'s jars are, and the class-data archive the servers start with. */
    private final ServerJars.Use serverJars;
    /** The browser started before any check ({@link #startBrowser}); by default none is waited for. */
    private volatile CompletableFuture<Void> browser = CompletableFuture.completedFuture(null);

    /** Readies the checks' shared support, in {@code work}. */
    public LessonGrader(Kit kit, Path work) {
        this(kit, work, Map.of());
    }

    /**
     * Readies the checks' shared support, in {@code work}; {@code settings} are given to every lesson's
     * checks as configuration parameters, by their {@link Setting#key() keys}, e.g. {@link Setting#SELENIUM_REMOTE}
     * (the URL of a Selenium Grid whose browsers run the page checks), {@link Setting#SERVER_HOST} (the address
     * of this computer those browsers reach, where the servers listen and the pages are served; 127.0.0.1 if not
     * given) and {@link Setting#SERVER_JAVA} (the JDK the servers run with; the grader's if not given).
     *
     * @throws IllegalArgumentException when one of those three is not usable, with a one-line message
     * @throws IllegalStateException when the kit's check support does not compile, or registers no {@link CheckSupport}
     */
    public LessonGrader(Kit kit, Path work, Map<String, String> settings) {
        this.kit = kit;
        this.work = work;
        this.settings = Map.copyOf(settings);
        checkSettings(this.settings);
        this.built = KitClasses.of(kit, work);
        Path checkClasses = built.part(KitClasses.CHECKS).orElseGet(() -> KitClasses.registerSupport(kit,
                compileKit(kit.checksSources(), Kit.graderClassPath(), work.resolve("check-classes"), "check support")));
        // Its parent, the grader's own loader, gives the support the grader's wslab.grading: one type on both sides.
        this.support = new URLClassLoader(new URL[] {CheckRunner.url(checkClasses)}, LessonGrader.class.getClassLoader());
        this.checkSupport = CheckSupport.in(support);
        this.checkClasses = checkClasses;
        String libraries = Kit.serverLibraries(work);
        Path plumbing = built.part(KitClasses.PLUMBING).orElseGet(() -> compileKit(kit.plumbingSources(), libraries,
                work.resolve("plumbing"), "plumbing"));
        this.serverJdk = ServerJdk.from(key -> java.util.Optional.ofNullable(this.settings.get(key)));
        this.serverJars = ServerJars.of(plumbing, libraries, serverJdk, checkSupport.serverJava(serverJdk));
        this.serverClassPath = serverJars.classPath();
    }

    /** Compiles a part of the kit that the grader was not built with (or that changed since); its classes. */
    private static Path compileKit(Path sources, String classPath, Path out, String what) {
        Compiler.Result result = Compiler.compile(List.of(sources), classPath, out);
        if (!result.ok()) {
            throw new IllegalStateException("the kit's " + what + " does not compile:\n" + String.join("\n", result.messages()));
        }
        return result.classes();
    }

    /** Refuses a Grid address that is not an http URL, and a server host this computer cannot listen on. */
    public static void checkSettings(Map<String, String> settings) {
        String grid = settings.get(Setting.SELENIUM_REMOTE.key());
        if (grid != null) {
            URI uri;
            try {
                uri = new URI(grid.trim());
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                throw new IllegalArgumentException("the Selenium Grid's address is not an http URL like "
                        + "http://grid.example:4444: '" + grid + "'");
            }
        }
        String host = settings.get(Setting.SERVER_HOST.key());
        if (host != null) {
            Hosts.checkServerHost(host);
        }
        String java = settings.get(Setting.SERVER_JAVA.key());
        if (java != null) {
            ServerJdk.at(Path.of(java));
        }
    }

    /** Grades the lesson {@code lesson} found in {@code lessonFolder}; screenshots go to {@code evidence}. */
    public LessonResult grade(String lesson, Path lessonFolder, Path evidence) {
        long start = System.nanoTime();
        Path lessonWork;
        try {
            lessonWork = Files.createTempDirectory(work, lesson + "-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path checks = checks(lesson);
        if (!Files.isDirectory(lessonFolder.resolve("src/main/java"))) {
            return failed(lesson, checks, "no lesson folder: expected Java sources in "
                    + lessonFolder.resolve("src/main/java"), start);
        }
        Compiler.Result server = Compiler.compile(List.of(lessonFolder.resolve("src/main/java")), serverClassPath,
                lessonWork.resolve("server"));
        double compiled = (System.nanoTime() - start) / 1e9;
        if (!server.ok()) {
            return failed(lesson, checks, "the lesson does not compile:\n"
                    + String.join("\n", server.messages()), start);
        }
        awaitBrowser();
        Map<String, String> parameters = new HashMap<>(settings);
        parameters.putAll(Map.of(
                Setting.SERVER_CLASSES.key(), server.classes().toString(),
                // the kit's jars first, as the archive was made with them, then the lesson's classes
                Setting.SERVER_CLASSPATH.key(), serverClassPath + File.pathSeparator + server.classes(),
                Setting.SERVER_ARCHIVE.key(), serverJars.archive().map(Path::toString).orElse(""),
                Setting.WEB.key(), kit.root().resolve("web").toString(),
                Setting.SCREENSHOTS.key(), evidence.toString(),
                Setting.SCRATCH.key(), lessonWork.toString()));
        List<CheckRunner.Check> results = CheckRunner.run(support, checks, parameters);
        return new LessonResult(lesson, results, null, (System.nanoTime() - start) / 1e9, compiled);
    }

    /** Every check of the lesson fails for {@code problem}, a reason found before any check could run. */
    public LessonResult refuse(String lesson, String problem) {
        return failed(lesson, checks(lesson), problem, System.nanoTime());
    }

    private Path checks(String lesson) {
        return compiledChecks.computeIfAbsent(lesson, id -> built.part(id).orElseGet(() -> compileKit(kit.checkSources(id),
                Kit.graderClassPath() + File.pathSeparator + checkClasses, work.resolve("checks").resolve(id),
                "checks for " + id)));
    }

    /**
     * Starts the browser the page checks share, in the background, with this grader's settings: from then on
     * every lesson's checks wait for it, and none runs without it ({@link #grade} throws {@link NoBrowser}).
     * The lessons compile meanwhile.
     */
    public void startBrowser() {
        browser = CompletableFuture.runAsync(this::requireBrowser, runnable -> {
            Thread thread = new Thread(runnable, "start-browser");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Waits for the browser {@link #startBrowser} started. @throws NoBrowser when none could be started */
    public void awaitBrowser() {
        try {
            browser.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof NoBrowser none ? none : new NoBrowser(String.valueOf(e.getCause()));
        }
    }

    private void requireBrowser() {
        try {
            checkSupport.requireBrowser(settings);
        } catch (LinkageError e) {
            throw new NoBrowser("the checks' support cannot start a browser: " + e);
        } catch (RuntimeException | Error e) {
            throw new NoBrowser(String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** No browser could be started for the page checks: nothing is graded. Its message is one line. */
    public static final class NoBrowser extends IllegalStateException {
        NoBrowser(String message) {
            super(message);
        }
    }

    /** The browser the page checks used, from the checks' own support (empty if none was started). */
    public String browser() {
        try {
            return checkSupport.browser();
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    /**
     * Quits the browser the page checks shared (bounded, 5 s). Otherwise it is quit when the JVM ends; a
     * Grid's browser is better let go as soon as the grading is done.
     */
    @Override
    public void close() {
        try {
            checkSupport.quitBrowser();
        } catch (RuntimeException | LinkageError e) {
            // the browser could not be quit now: it is when the JVM ends
        }
    }

    /**
     * The sandbox the students' servers run in, from the checks' own support: bubblewrap and its limits, or why
     * they run without one. Found once (it starts one sandbox to try it).
     */
    public SandboxUse sandbox() {
        try {
            return checkSupport.sandbox();
        } catch (RuntimeException | LinkageError e) {
            return SandboxUse.none("the checks' support cannot tell (" + e + ")");
        }
    }

    /** The servers' JDK and whether they start from a class-data archive. */
    public ServerRuntime servers() {
        return new ServerRuntime(serverJdk, serverJars.archive());
    }

    /** What the grading runs on, for the reports: browser, sandbox, servers. */
    public GradingSetup setup() {
        return new GradingSetup(browser(), sandbox(), servers());
    }

    /** Where the time went, from the checks' own support: servers started, their start-up, the browser's. */
    public String timings() {
        try {
            CheckSupport.Timings timings = checkSupport.timings();
            return String.format(java.util.Locale.ROOT, "%d server starts taking %.1f s in all, browser start %.1f s",
                    timings.serverStarts(), timings.serverSeconds(), timings.browserSeconds());
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    /** Every check of the lesson fails with the same reason (its names and origins still come from the kit's checks). */
    private LessonResult failed(String lesson, Path checkClasses, String problem, long start) {
        List<CheckRunner.Check> checks = CheckRunner.failed(support, checkClasses, "cannot check: " + problem);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new LessonResult(lesson, checks, problem, seconds, seconds);
    }
}
