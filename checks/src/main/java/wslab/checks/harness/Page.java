package wslab.checks.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import wslab.grading.Hosts;
import wslab.grading.Setting;

/**
 * One of the kit's pages from {@code web/}, open in the shared browser and pointed at a lesson's
 * server, used as a student would: type, click, read. A failure report carries a screenshot, the
 * page's console messages and the frames its log shows.
 */
public final class Page implements AutoCloseable {

    static final Duration PAGE_LIMIT = Duration.ofSeconds(5);
    private static final int SHOWN_ENTRIES = 12;

    private final WebDriver driver;
    private final Function<String, Optional<String>> configuration;
    private final String name;
    private boolean released;

    private Page(WebDriver driver, Function<String, Optional<String>> configuration, String name) {
        this.driver = driver;
        this.configuration = configuration;
        this.name = name;
    }

    /** Opens {@code web/<file>?<query>} and waits until the page shows the connection open. */
    static Page open(Function<String, Optional<String>> configuration, String file, String query, String checkName) {
        Path web = configuration.apply(Setting.WEB.key()).map(Path::of).orElse(Path.of("web")).toAbsolutePath().normalize();
        Path page = web.resolve(file);
        if (!Files.isRegularFile(page)) {
            throw new IllegalStateException("no page " + page + " (-Dwslab.web names the kit's web/ folder)");
        }
        WebDriver driver = Browser.acquire(configuration);
        Page opened = new Page(driver, configuration, checkName);
        try {
            // A browser on a Grid's node cannot open this computer's files: it gets them over HTTP.
            String address = Browser.isRemote()
                    ? WebFolder.serve(web, ServerCommand.serverHost(configuration).orElse(Hosts.LOOPBACK)) + file
                    : page.toUri().toString();
            driver.get(address + "?" + query);
            if (opened.awaitText("state", "open"::equals).isEmpty()) {
                throw new TimeoutException("the page never showed the state open");
            }
        } catch (RuntimeException | Error e) {
            AssertionError failure;
            try {
                failure = opened.failure(Report.of("the page connects to the server and shows the state \"open\"")
                        .sent("opened " + file + "?" + query)
                        .expected("#state \"open\" within " + PAGE_LIMIT.toSeconds() + " s")
                        .got("#state " + Report.show(opened.textOrEmpty("state"))));
            } finally {
                opened.close(); // the browser is let go whatever went wrong: the other checks wait for it
            }
            throw failure;
        }
        return opened;
    }

    /** Types {@code text} in the message box and presses Send. */
    public void send(String text) {
        WebElement box = driver.findElement(By.id("message"));
        box.clear();
        box.sendKeys(text);
        driver.findElement(By.id("send")).click();
    }

    /** Types an answer in the Simon page's field and presses Enter. */
    public void answer(String text) {
        WebElement field = driver.findElement(By.id("answer"));
        field.clear();
        field.sendKeys(text, Keys.ENTER);
    }

    /** Presses the button {@code id}. */
    public void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    /** Replaces what the field {@code id} holds with {@code text}. */
    public void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Runs {@code script} in the page (as a function body: {@code return} gives its value) and returns its value. */
    public Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    public String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    public String attribute(String id, String attribute) {
        return String.valueOf(driver.findElement(By.id(id)).getDomAttribute(attribute));
    }

    /** Waits, at most 5 s, until element {@code id} shows text that matches; the text, or empty. */
    public Optional<String> awaitText(String id, Predicate<String> match) {
        try {
            return Optional.of(new WebDriverWait(driver, PAGE_LIMIT).pollingEvery(Duration.ofMillis(50))
                    .until(d -> {
                        String text = d.findElement(By.id(id)).getText();
                        return match.test(text) ? text : null;
                    }));
        } catch (TimeoutException e) {
            return Optional.empty();
        }
    }

    /** Waits, at most 5 s, for an entry in the page's log received from the server that matches. */
    public Optional<String> awaitReceived(Predicate<String> match) {
        try {
            return Optional.of(new WebDriverWait(driver, PAGE_LIMIT).pollingEvery(Duration.ofMillis(50))
                    .until(d -> received().stream().filter(match).findFirst().orElse(null)));
        } catch (TimeoutException e) {
            return Optional.empty();
        }
    }

    /** The texts of the log's entries received from the server, oldest first. */
    public List<String> received() {
        return driver.findElements(By.cssSelector("#log li.received .text")).stream()
                .map(e -> String.valueOf(e.getDomProperty("textContent"))).toList();
    }

    /** A failed page check: the report, with what the page showed and said, and a screenshot. */
    public AssertionError failure(Report report) {
        report.line("page", name);
        List<String> entries = driver.findElements(By.cssSelector("#log li")).stream()
                .map(e -> e.getDomAttribute("class") + ": " + e.getDomProperty("textContent")).toList();
        report.line("page log (frames and events)", entries.isEmpty() ? "empty"
                : Report.show(entries.subList(Math.max(0, entries.size() - SHOWN_ENTRIES), entries.size())));
        try {
            List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
            report.line("page console", console.isEmpty() ? "no messages" : Report.show(console));
        } catch (RuntimeException e) {
            report.line("page console", "not available from this browser");
        }
        Optional<Path> screenshot = screenshot();
        screenshot.ifPresent(path -> report.line("screenshot", path.toString()));
        return CheckFailure.onPage(report.toString(), screenshot);
    }

    private Optional<Path> screenshot() {
        try {
            Path folder = configuration.apply(Setting.SCREENSHOTS.key()).map(Path::of)
                    .orElse(Path.of("target", "screenshots"));
            Files.createDirectories(folder);
            Path file = folder.resolve(name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "") + ".png")
                    .toAbsolutePath();
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String textOrEmpty(String id) {
        try {
            return text(id);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * The kit's {@code web/} folder served over HTTP, read-only, for a browser on another machine: started
     * once, on the server host and a free port, and stopped when the JVM ends. Only GET and HEAD, and only
     * the regular files inside the folder.
     */
    static final class WebFolder {
        private static final Map<String, String> TYPES = Map.of(
                "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
                "css", "text/css; charset=utf-8", "md", "text/plain; charset=utf-8",
                "png", "image/png", "svg", "image/svg+xml", "ico", "image/x-icon");
        private static HttpServer server;
        private static Path root;
        private static String base;

        private WebFolder() {
        }

        /** Serves {@code web} at {@code host} (once); the folder's address, ending in a slash. */
        static synchronized String serve(Path web, String host) {
            if (server != null) {
                if (!root.equals(web)) {
                    throw new IllegalStateException("the pages are served from " + root + " already, not " + web);
                }
                return base;
            }
            try {
                root = web;
                HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 16);
                Path realRoot = web.toRealPath();
                started.createContext("/", exchange -> answer(exchange, realRoot));
                // Its dispatcher thread takes the daemon status of the thread that starts it: a daemon, so that
                // it never keeps a JVM alive whose checks are done.
                Thread starter = new Thread(started::start, "serve-web-pages");
                starter.setDaemon(true);
                starter.start();
                starter.join(5000);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> started.stop(0), "stop-web-pages"));
                server = started;
                base = "http://" + Hosts.urlHost(host) + ":" + started.getAddress().getPort() + "/";
                Browser.pagesServedAt(base);
                return base;
            } catch (IOException e) {
                throw new IllegalStateException("cannot serve the pages to the remote browser at " + host
                        + " (" + Setting.SERVER_HOST.key() + "): " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while serving the pages", e);
            }
        }

        private static void answer(HttpExchange exchange, Path realRoot) throws IOException {
            try (exchange) {
                String method = exchange.getRequestMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                Optional<Path> file = fileFor(exchange.getRequestURI().getPath(), realRoot);
                if (file.isEmpty()) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String name = file.get().getFileName().toString();
                String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
                byte[] body = Files.readAllBytes(file.get());
                if (method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
        }

        /** The regular file under {@code realRoot} that {@code path} names, links resolved; empty for anything else. */
        static Optional<Path> fileFor(String path, Path realRoot) {
            String relative = path == null ? "" : path.replaceFirst("^/+", "");
            if (relative.isEmpty()) {
                relative = "index.html";
            }
            try {
                Path file = realRoot.resolve(relative).normalize();
                if (!file.startsWith(realRoot) || !Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                Path real = file.toRealPath();
                return real.startsWith(realRoot) ? Optional.of(real) : Optional.empty();
            } catch (IOException | java.nio.file.InvalidPathException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Closes the page's connection and hands the browser to the next check, whose page replaces this one.
     * Only a page without the kit's script is left for about:blank: that navigation costs the browser
     * nearly as much as loading a lesson page.
     */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            Object closed = ((JavascriptExecutor) driver).executeScript(
                    "if (window.wslab) { window.wslab.disconnect(); return true; } return false;");
            if (!Boolean.TRUE.equals(closed)) {
                driver.get("about:blank");
            }
        } catch (RuntimeException e) {
            // the browser is gone; the next check will say so
        } finally {
            Browser.release();
        }
    }
}
