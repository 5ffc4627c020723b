package wslab.checks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.HttpCommandExecutor;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.opentest4j.TestAbortedException;
import wslab.grading.ProcessTrees;
import wslab.grading.Setting;

/**
 * The one headless Chrome or Chromium the checks share, started on first use and quit when the JVM
 * ends. Found in this order: {@code -Dselenium.remote=URL} (a Selenium Grid);
 * {@code -Dwebdriver.chrome.driver} or {@code CHROMEDRIVER}; Selenium Manager, which finds chromedriver
 * and the browser on this computer, or, online, downloads Chrome for Testing and its driver; last,
 * WebDriverManager. A browser that cannot be started leaves no profile folder behind and is looked for once.
 */
public final class Browser {

    /** The window's fixed size, so that screenshots and layouts do not vary. */
    public static final String WINDOW = "1280,900";
    private static final ReentrantLock LOCK = new ReentrantLock();
    /** The longest a page check waits for its turn with the browser (checks of lessons graded at once take turns). */
    private static final java.time.Duration TURN_LIMIT = java.time.Duration.ofMinutes(3);
    /** Held while a browser starts: the JVM's end waits for it (bounded), so that none is started past it. */
    private static final ReentrantLock STARTING = new ReentrantLock();
    /** Set once this JVM ends: no browser is started any more. */
    private static volatile boolean ending;
    /** The driver this JVM started for the browser (its own child process), ended with its browser. */
    private static volatile List<ProcessHandle> driverProcesses = List.of();
    private static volatile WebDriver driver;
    private static String description = "";
    private static String pages;
    private static volatile Path profile;
    private static volatile boolean remote;
    private static double startSeconds;
    /** Why no browser could be started, once it was looked for: later page checks are not run. */
    private static volatile NoBrowser unavailable;
    /** How long the check that Chrome for Testing can be downloaded waits for an answer. */
    private static final java.time.Duration ONLINE_PROBE = java.time.Duration.ofSeconds(3);

    /**
     * Loaded now, and LessonProcess set up, which the hook below uses: a grader's shutdown hooks may run after its
     * working folder, which holds these classes, is deleted, and no hook can be added once they run.
     */
    private static final Class<?> TREES = ProcessTrees.class;

    static {
        try {
            Class.forName(LessonProcess.class.getName(), true, Browser.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
        // Registered before the browser starts: a JVM stopped while the driver is starting leaves nothing either.
        Runtime.getRuntime().addShutdownHook(new Thread(Browser::quit, "quit-browser"));
    }

    private Browser() {
    }

    /**
     * Takes the browser for one check (checks from lessons graded at once take turns). Without one, the first
     * page check fails with one line that says what to install, and the later ones are not run: the browser is
     * looked for once a run. With {@code wslab.no.browser} (the grader's {@code --no-browser}) page checks are
     * not run at all.
     */
    static WebDriver acquire(Function<String, Optional<String>> configuration) {
        if (configuration.apply(Setting.NO_BROWSER.key()).map(v -> v.isBlank() || Boolean.parseBoolean(v))
                .orElse(false)) {
            throw new TestAbortedException("a page check, graded without a browser (--no-browser, "
                    + Setting.NO_BROWSER.key() + ")");
        }
        try {
            if (!LOCK.tryLock(TURN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the browser was not let go within " + TURN_LIMIT.toMinutes()
                        + " minutes by the page check before this one: it is stuck, and so is this check");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestAbortedException("interrupted while waiting for the browser");
        }
        try {
            synchronized (Browser.class) {
                if (driver != null && driverProcesses.stream().anyMatch(p -> !p.isAlive())) {
                    forgetDeadBrowser();
                }
                if (driver == null) {
                    if (unavailable != null) {
                        throw new TestAbortedException("no browser for the page checks, as the first one said");
                    }
                    STARTING.lock();
                    try {
                        if (ending) {
                            // Stopped (Ctrl-C, SIGTERM): a browser started now would outlive this JVM.
                            throw new TestAbortedException("no browser: the checks are being stopped");
                        }
                        long begin = System.nanoTime();
                        Set<ProcessHandle> before = ProcessHandle.current().children().collect(Collectors.toSet());
                        try {
                            driver = start(configuration);
                        } catch (NoBrowser e) {
                            unavailable = e;
                            throw e;
                        }
                        startSeconds = (System.nanoTime() - begin) / 1e9;
                        // Its driver, started by this JVM, ended with it even when it is killed: a driver outlives its JVM.
                        driverProcesses = driverOf(driver, before);
                        ProcessTrees.endWithThisJvm(driverProcesses, profile == null ? List.of() : List.of(profile));
                    } finally {
                        STARTING.unlock();
                    }
                }
                return driver;
            }
        } catch (RuntimeException | Error e) {
            LOCK.unlock();
            throw e;
        }
    }

    /**
     * The chromedriver process that {@code started} talks to: a child of this JVM, new since {@code before}, told
     * the port the session's commands go to. Graders in one JVM (the grader's own tests) start browsers at the
     * same time, each with its own copy of this class: a driver is told apart by its port, not by when it came,
     * so that one grader that is done never ends another's browser. Empty for a Grid's browser.
     */
    private static List<ProcessHandle> driverOf(WebDriver started, Set<ProcessHandle> before) {
        if (!(started instanceof RemoteWebDriver session)
                || !(session.getCommandExecutor() instanceof HttpCommandExecutor executor)) {
            return List.of();
        }
        String port = "--port=" + executor.getAddressOfRemoteServer().getPort();
        return ProcessHandle.current().children().filter(p -> !before.contains(p))
                .filter(p -> p.info().command().map(c -> c.contains("chromedriver")).orElse(false))
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(port)).toList();
    }

    /**
     * The driver ended under the checks (killed, crashed): the session is forgotten and what is left of its
     * browser ended, so that the next page check starts a new one rather than failing on the dead one.
     */
    private static void forgetDeadBrowser() {
        // A browser whose driver is gone is no longer below this JVM: it is found by its profile folder.
        String userData = profile == null ? null : "--user-data-dir=" + profile;
        List<ProcessHandle> browser = userData == null ? new ArrayList<>() : ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(userData))
                .collect(Collectors.toCollection(ArrayList::new));
        endSession(browser);
    }

    /**
     * Quits the session (at most 5 s), then ends {@code browser}, the driver's processes and all below them (at
     * most 5 s more: what the session's end left, and a Chromium still ending), and deletes the profile.
     */
    private static void endSession(List<ProcessHandle> browser) {
        List<ProcessHandle> all = new ArrayList<>(browser);
        all.addAll(driverProcesses);
        driverProcesses.forEach(p -> p.descendants().forEach(all::add));
        quitSession(driver);
        driver = null;
        ProcessTrees.end(all, Duration.ofSeconds(5));
        driverProcesses = List.of();
        if (profile != null) {
            Leftovers.delete(profile);
        }
    }

    /**
     * Starts the browser now, before any check, so that a grader without one stops at once with one line
     * (a {@link NoBrowser}, thrown again as it was); {@code configuration} is the checks' own.
     */
    static void require(java.util.Map<String, String> configuration) {
        synchronized (Browser.class) {
            if (unavailable != null && driver == null) {
                throw unavailable;
            }
        }
        acquire(key -> Optional.ofNullable(configuration.get(key)).or(() -> Optional.ofNullable(System.getProperty(key))));
        release();
    }

    /** No Chrome or Chromium could be started: one line, no stack trace, that says what to install. */
    public static final class NoBrowser extends IllegalStateException {
        NoBrowser(String message) {
            super(message);
            setStackTrace(new StackTraceElement[0]);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /**
     * Quits the browser, waiting at most 5 s, then ends whatever is left of it and its driver, and waits (at
     * most 5 s more) until they are gone before deleting the profile: a Chromium still ending writes into it.
     */
    private static void quit() {
        ending = true;
        boolean started = false;
        try {
            started = STARTING.tryLock(15, TimeUnit.SECONDS); // a browser being started is quit too, once it is
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            List<ProcessHandle> browser = new ArrayList<>(chromes());
            quitSession(driver);
            // What is left is ended, Chromium's processes too, which the driver's end leaves to themselves while
            // they still write into the profile; if they are not gone within 5 s, the profile may stay behind.
            browser.addAll(chromes());
            ProcessTrees.end(browser, Duration.ofSeconds(5));
            if (profile != null) {
                Leftovers.delete(profile);
            }
        } finally {
            if (started) {
                STARTING.unlock();
            }
        }
    }

    /**
     * Quits the browser now, once its checks are done (a grader that has graded), waiting at most 5 s; a
     * later page check starts another. A Grid's browser is let go at once rather than when this JVM ends.
     */
    static void quitNow() {
        boolean locked = false;
        try {
            locked = LOCK.tryLock(30, TimeUnit.SECONDS); // a check still on a page ends within its own limit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            synchronized (Browser.class) {
                endSession(List.of());
            }
        } finally {
            if (locked) {
                LOCK.unlock();
            }
        }
    }

    /** This JVM's Chrome or Chromium and its driver: every process below it whose program's name says so. */
    private static List<ProcessHandle> chromes() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false)).toList();
    }

    private static void quitSession(WebDriver started) {
        Thread quitting = new Thread(() -> {
            try {
                if (started != null) {
                    started.quit();
                }
            } catch (RuntimeException e) {
                // gone already, or ended by the sweep when the JVM ends
            }
        }, "quit-browser-session");
        quitting.setDaemon(true);
        quitting.start();
        try {
            quitting.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void release() {
        LOCK.unlock();
    }

    /** Which browser and driver the checks use, for reports; empty before the first page check. */
    static synchronized String description() {
        return description + (pages == null ? "" : ", pages served at " + pages);
    }

    /** Notes where the pages are served to a remote browser, for the description. */
    static synchronized void pagesServedAt(String address) {
        pages = address;
    }

    /**
     * Whether the browser runs elsewhere, on a Selenium Grid's node: it cannot open this computer's files,
     * so the pages are served to it over HTTP.
     */
    static boolean isRemote() {
        return remote;
    }

    /** For the grader's timings: the seconds the browser took to start (0 before it did). */
    static synchronized double startSeconds() {
        return startSeconds;
    }

    private static WebDriver start(Function<String, Optional<String>> configuration) {
        Optional<String> grid = configuration.apply(Setting.SELENIUM_REMOTE.key()).map(String::trim)
                .filter(u -> !u.isEmpty());
        List<String> tried = new ArrayList<>();
        remote = false;
        if (grid.isPresent()) {
            try {
                // The node makes its own profile: a folder of this computer means nothing there.
                WebDriver started = new RemoteWebDriver(URI.create(grid.get()).toURL(), options(false));
                remote = true;
                return described(started, "Selenium Grid at " + grid.get());
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new NoBrowser(Setting.SELENIUM_REMOTE.key() + " is not a URL like http://grid.example:4444: "
                        + Report.show(grid.get()));
            } catch (RuntimeException e) {
                throw new NoBrowser("cannot use the Selenium Grid at " + grid.get() + ": " + firstLine(e));
            }
        }
        ChromeOptions options = options(true);
        try {
            return startLocal(configuration, options, tried);
        } catch (RuntimeException | Error e) {
            // A browser that did not start leaves no profile behind.
            if (profile != null) {
                Leftovers.delete(profile);
                profile = null;
            }
            throw e;
        }
    }

    /**
     * A local browser: the driver given, else what Selenium Manager finds on this computer (offline, at once),
     * else, online, the Chrome for Testing and driver it downloads, else WebDriverManager's. Offline, the
     * downloads are not tried: a machine whose connections hang would wait out their limits (5 minutes).
     */
    private static WebDriver startLocal(Function<String, Optional<String>> configuration, ChromeOptions options,
                                        List<String> tried) {
        Optional<String> chromedriver = configuration.apply("webdriver.chrome.driver")
                .or(() -> Optional.ofNullable(System.getenv("CHROMEDRIVER")));
        if (chromedriver.isPresent()) {
            try {
                ChromeDriverService service = new ChromeDriverService.Builder().withEnvironment(temporaryFolder())
                        .usingDriverExecutable(Path.of(chromedriver.get()).toFile()).build();
                return described(new ChromeDriver(service, options), chromedriver.get());
            } catch (RuntimeException e) {
                tried.add("the driver " + chromedriver.get() + ": " + firstLine(e));
            }
        }
        String offline = System.getProperty("SE_OFFLINE");
        java.util.logging.Level level = MANAGER_LOG.getLevel();
        try {
            System.setProperty("SE_OFFLINE", "true"); // this computer's browsers and drivers only
            MANAGER_LOG.setLevel(Level.SEVERE); // its warning that offline it found no driver: said below, once
            return described(new ChromeDriver(serviceInProfile(), options), "Selenium Manager");
        } catch (RuntimeException e) {
            String why = firstLine(e);
            tried.add("Selenium Manager, on this computer: " + (why.contains("Cannot run program \"\"")
                    ? "found no browser with its driver" : why));
        } finally {
            MANAGER_LOG.setLevel(level);
            if (offline == null) {
                System.clearProperty("SE_OFFLINE");
            } else {
                System.setProperty("SE_OFFLINE", offline);
            }
        }
        boolean forcedOffline = "true".equalsIgnoreCase(offline) || "true".equalsIgnoreCase(System.getenv("SE_OFFLINE"));
        if (forcedOffline) {
            tried.add("no downloads (SE_OFFLINE=true)");
        } else if (!online()) {
            tried.add("no downloads: this computer is offline (no answer from " + CHROME_FOR_TESTING + " within "
                    + ONLINE_PROBE.toSeconds() + " s)");
        } else {
            try {
                return described(new ChromeDriver(serviceInProfile(), options), "Selenium Manager, Chrome for Testing");
            } catch (RuntimeException e) {
                tried.add("Selenium Manager, downloads: " + firstLine(e));
            }
            try {
                io.github.bonigarcia.wdm.WebDriverManager.chromedriver().setup();
                return described(new ChromeDriver(serviceInProfile(), options), "WebDriverManager");
            } catch (RuntimeException e) {
                tried.add("WebDriverManager: " + firstLine(e));
            }
        }
        throw new NoBrowser("no Chrome or Chromium to run the page checks: " + installHint()
                + ", or give -Dselenium.remote=URL (a Selenium Grid) or the driver's path in CHROMEDRIVER"
                + " (tried: " + String.join("; ", tried) + ")");
    }

    /**
     * The driver's environment: its temporary folder, and so its browser's, inside the profile folder. Chromium
     * writes folders and shared-memory files there (/tmp with --disable-dev-shm-usage) that a browser ended at
     * once leaves behind; inside the profile, they go with it.
     */
    private static java.util.Map<String, String> temporaryFolder() {
        Path folder = profile == null ? null : profile.resolve("tmp");
        // Chromium makes its sockets there, whose paths hold 107 bytes at most; given a folder inside a test's own
        // temporary folder, it was seen not to start. A profile folder that deep keeps the system's.
        if (folder == null || folder.toString().length() > SHORT_PATH) {
            return java.util.Map.of();
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            return java.util.Map.of(); // the system's temporary folder, then
        }
        return java.util.Map.of("TMPDIR", folder.toString());
    }

    /** The longest temporary folder given to Chromium: its socket's name, some 45 bytes, must fit after it. */
    private static final int SHORT_PATH = 60;

    /**
     * Where the profile folder goes: the JVM's temporary folder, unless it lies so deep that the profile's own
     * temporary folder would be too long for Chromium's sockets ({@link #SHORT_PATH}); then /tmp, where there is
     * one. (Chromium given no temporary folder of the profile's writes its own into the system's and leaves them.)
     */
    private static Path profileBase() {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        int profileAndTmp = "/wslab-chrome".length() + 20 + "/tmp".length(); // the name's random part: at most 20
        Path system = Path.of("/tmp");
        if (base.toString().length() + profileAndTmp > SHORT_PATH && Files.isDirectory(system) && Files.isWritable(system)) {
            return system;
        }
        return base;
    }

    /** A driver service that Selenium finds the driver for, started with {@link #temporaryFolder()}. */
    private static ChromeDriverService serviceInProfile() {
        return new ChromeDriverService.Builder().withEnvironment(temporaryFolder()).build();
    }

    private static final String CHROME_FOR_TESTING = "https://googlechromelabs.github.io";
    /** Selenium Manager's log (held, so that the level set on it stays). */
    private static final java.util.logging.Logger MANAGER_LOG =
            java.util.logging.Logger.getLogger("org.openqa.selenium.manager.SeleniumManager");

    /**
     * Whether Selenium Manager could download Chrome for Testing: an answer from its site within 3 s (through the
     * proxy a {@code HTTPS_PROXY} or {@code SE_PROXY} names, which Selenium Manager uses: then it is assumed).
     */
    private static boolean online() {
        if (System.getenv("HTTPS_PROXY") != null || System.getenv("https_proxy") != null
                || System.getenv("SE_PROXY") != null || System.getProperty("SE_PROXY") != null) {
            return true;
        }
        // Bounded as a whole, name look-up included: a machine whose connections hang answers "offline" in 3 s.
        CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(() -> {
            try {
                java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().connectTimeout(ONLINE_PROBE)
                        .proxy(java.net.ProxySelector.getDefault()).build();
                client.send(java.net.http.HttpRequest.newBuilder(URI.create(CHROME_FOR_TESTING + "/"))
                                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).timeout(ONLINE_PROBE).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException | RuntimeException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, runnable -> {
            Thread thread = new Thread(runnable, "online-probe");
            thread.setDaemon(true);
            thread.start();
        });
        try {
            return probe.get(ONLINE_PROBE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** What to install on this computer's system, in a few words. */
    static String installHint() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win")) {
            return "install Google Chrome (winget install Google.Chrome), whose driver Selenium Manager fetches when online";
        }
        if (os.contains("mac")) {
            return "install Google Chrome (brew install --cask google-chrome), whose driver Selenium Manager fetches when online";
        }
        String release = "";
        try {
            release = Files.readString(Path.of("/etc/os-release")).toLowerCase(java.util.Locale.ROOT);
        } catch (IOException | RuntimeException e) {
            // not told which Linux this is
        }
        if (release.matches("(?s).*\\bid=\"?ubuntu.*")) {
            return "install Chromium and its driver (Ubuntu: sudo apt-get install chromium-browser chromium-chromedriver)";
        }
        if (release.matches("(?s).*\\bid(_like)?=\"?[^\n]*debian.*")) {
            return "install Chromium and its driver (Debian: sudo apt-get install chromium chromium-driver)";
        }
        if (release.matches("(?s).*\\bid(_like)?=\"?[^\n]*(fedora|rhel).*")) {
            return "install Chromium and its driver (Fedora: sudo dnf install chromium chromedriver)";
        }
        if (release.matches("(?s).*\\bid(_like)?=\"?[^\n]*arch.*")) {
            return "install Chromium, which holds its driver (Arch: sudo pacman -S chromium)";
        }
        return "install Chromium and its chromedriver (Debian, Ubuntu: sudo apt-get install chromium chromium-driver; "
                + "Fedora: sudo dnf install chromium chromedriver) or Google Chrome";
    }

    private static WebDriver described(WebDriver started, String how) {
        String version = "";
        if (started instanceof RemoteWebDriver remote) {
            version = remote.getCapabilities().getBrowserName() + " " + remote.getCapabilities().getBrowserVersion();
        }
        description = version + " (driver: " + how + ")";
        return started;
    }

    private static ChromeOptions options(boolean local) {
        ChromeOptions options = new ChromeOptions();
        // Headless, and quiet on a machine with no network and no GPU (as root, without a sandbox).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=" + WINDOW);
        if (local) {
            try {
                profile = Leftovers.deleteAtExit(Files.createTempDirectory(profileBase(), "wslab-chrome"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            options.addArguments("--user-data-dir=" + profile);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return options;
    }

    private static String firstLine(Throwable e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
    }
}
