package wslab.selfcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * The one headless Chrome or Chromium the checks share, started on first use and quit when the JVM
 * ends. Found in this order: {@code -Dselenium.remote=URL} (a Selenium Grid);
 * {@code -Dwebdriver.chrome.driver} or {@code CHROMEDRIVER}; Selenium Manager, which finds chromedriver
 * and the browser on the PATH; last, WebDriverManager, for a user who is online with Google Chrome.
 */
public final class Browser {

    /** The window's fixed size, so that screenshots and layouts do not vary. */
    public static final String WINDOW = "1280,900";
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static volatile WebDriver driver;
    private static String description = "";
    private static String pages;
    private static volatile Path profile;
    private static volatile boolean remote;
    private static double startSeconds;

    static {
        // Registered before the browser starts: a JVM stopped while the driver is starting leaves nothing either.
        Runtime.getRuntime().addShutdownHook(new Thread(Browser::quit, "quit-browser"));
    }

    private Browser() {
    }

    /** Takes the browser for one check (checks from lessons graded at once take turns). */
    static WebDriver acquire(Function<String, Optional<String>> configuration) {
        LOCK.lock();
        try {
            synchronized (Browser.class) {
                if (driver == null) {
                    long begin = System.nanoTime();
                    driver = start(configuration);
                    startSeconds = (System.nanoTime() - begin) / 1e9;

                }
                return driver;
            }
        } catch (RuntimeException | Error e) {
            LOCK.unlock();
            throw e;
        }
    }

    /**
     * Quits the browser, waiting at most 5 s, then ends whatever is left of it and its driver, and waits (at
     * most 5 s more) until they are gone before deleting the profile: a Chromium still ending writes into it.
     */
    private static void quit() {
        quitSession(driver);
        List<ProcessHandle> left = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false)).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        try {
            CompletableFuture.allOf(left.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // what is left is ended; its folder may stay behind
        }
        if (profile != null) {
            LessonProcess.deleteQuietly(profile);
        }
    }

    /**
     * Quits the browser now, once its checks are done (a grader that has graded), waiting at most 5 s; a
     * later page check starts another. A Grid's browser is let go at once rather than when this JVM ends.
     */
    public static void quitNow() {
        boolean locked = false;
        try {
            locked = LOCK.tryLock(30, TimeUnit.SECONDS); // a check still on a page ends within its own limit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            synchronized (Browser.class) {
                quitSession(driver);
                driver = null;
                if (profile != null) {
                    LessonProcess.deleteQuietly(profile);
                }
            }
        } finally {
            if (locked) {
                LOCK.unlock();
            }
        }
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
    public static synchronized String description() {
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
    public static synchronized double startSeconds() {
        return startSeconds;
    }

    private static WebDriver start(Function<String, Optional<String>> configuration) {
        Optional<String> grid = configuration.apply("selenium.remote").map(String::trim).filter(u -> !u.isEmpty());
        List<String> tried = new ArrayList<>();
        remote = false;
        if (grid.isPresent()) {
            try {
                // The node makes its own profile: a folder of this computer means nothing there.
                WebDriver started = new RemoteWebDriver(URI.create(grid.get()).toURL(), options(false));
                remote = true;
                return described(started, "Selenium Grid at " + grid.get());
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalStateException("selenium.remote is not a URL like http://grid.example:4444: "
                        + Report.show(grid.get()));
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot use the Selenium Grid at " + grid.get() + ": " + firstLine(e));
            }
        }
        ChromeOptions options = options(true);
        Optional<String> chromedriver = configuration.apply("webdriver.chrome.driver")
                .or(() -> Optional.ofNullable(System.getenv("CHROMEDRIVER")));
        if (chromedriver.isPresent()) {
            try {
                ChromeDriverService service = new ChromeDriverService.Builder()
                        .usingDriverExecutable(Path.of(chromedriver.get()).toFile()).build();
                return described(new ChromeDriver(service, options), chromedriver.get());
            } catch (RuntimeException e) {
                tried.add("the driver " + chromedriver.get() + ": " + firstLine(e));
            }
        }
        try {
            if (System.getProperty("SE_OFFLINE") == null) {
                System.setProperty("SE_OFFLINE", "true"); // no look-up of downloads a machine offline cannot reach
            }
            return described(new ChromeDriver(options), "Selenium Manager");
        } catch (RuntimeException e) {
            tried.add("Selenium Manager: " + firstLine(e));
        }
        try {
            io.github.bonigarcia.wdm.WebDriverManager.chromedriver().setup();
            return described(new ChromeDriver(options), "WebDriverManager");
        } catch (RuntimeException e) {
            tried.add("WebDriverManager: " + firstLine(e));
        }
        throw new IllegalStateException("no Chrome or Chromium to run the page checks. Install one with its driver "
                + "(Debian, Ubuntu: sudo apt-get install chromium chromium-driver; elsewhere: Google Chrome), "
                + "or give -Dwebdriver.chrome.driver=PATH or -Dselenium.remote=URL. Tried: " + String.join("; ", tried));
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
                profile = Files.createTempDirectory("wslab-chrome");
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
