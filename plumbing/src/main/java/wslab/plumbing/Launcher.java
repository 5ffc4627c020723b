package wslab.plumbing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.help.HelpFormatter;
import org.java_websocket.server.WebSocketServer;

/**
 * Plumbing: the start-up code every lesson shares. You never need to change this file.
 *
 * <p>It reads the command line ({@code --port}, {@code --host} and a lesson's own options), refuses a
 * bad option with a one-line usage message (exit 2) and a taken port with a one-line error (exit 1),
 * starts the server, prints {@code LISTENING AT host:port} once the server calls {@link #ready}, and
 * stops the server cleanly on Ctrl-C or SIGTERM.
 *
 * <pre>{@code
 * Launcher.lesson("echo").serve(args, options -> new EchoServer(options.address()));
 * }</pre>
 */
public final class Launcher {

    /** Creates the lesson's server once the options are read. */
    @FunctionalInterface
    public interface ServerFactory {
        WebSocketServer create(Options options) throws Exception;
    }

    static final int USAGE = 2;
    static final int FAILED = 1;
    private static final long START_LIMIT_SECONDS = 15;
    private static final CountDownLatch READY = new CountDownLatch(1);

    private final String name;
    private String defaultHost = "127.0.0.1";
    private final List<Option> lessonOptions = new ArrayList<>();
    /** Each option's value when it is not given, by its long name without dashes. */
    private final Map<String, String> defaults = new HashMap<>();

    private Launcher(String name) {
        this.name = name;
    }

    /** Starts describing the lesson called {@code name} (the name shown in usage messages). */
    public static Launcher lesson(String name) {
        return new Launcher(name);
    }

    /** The address to listen on when {@code --host} is not given (127.0.0.1 unless changed). */
    public Launcher defaultHost(String host) {
        this.defaultHost = host;
        return this;
    }

    /** Adds a lesson's own option, e.g. {@code option("--log", "FILE", "messages.log", "where to append")}. */
    public Launcher option(String name, String label, String defaultValue, String description) {
        lessonOptions.add(valueOption(name, label, defaultValue, description + " (default: " + defaultValue + ")"));
        return this;
    }

    /** Reads {@code args}, creates the server with {@code factory}, starts it and waits until it is ready. */
    public void serve(String[] args, ServerFactory factory) {
        useUtf8Console();
        org.apache.commons.cli.Options known = knownOptions();
        Options options;
        try {
            CommandLine parsed = DefaultParser.builder().setAllowPartialMatching(false).get().parse(known, args);
            if (parsed.hasOption("help")) {
                printHelp(known);
            }
            if (!parsed.getArgList().isEmpty()) {
                throw new UsageError("unexpected argument " + parsed.getArgList().get(0));
            }
            options = new Options(parsed, defaults);
            options.address();
        } catch (ParseException | UsageError e) {
            exit(USAGE, "error: " + oneLine(e.getMessage()) + ". " + synopsis(known));
            return;
        }
        checkPortIsFree(options.address());
        WebSocketServer server;
        try {
            server = factory.create(options);
        } catch (UsageError e) {
            exit(USAGE, "error: " + oneLine(e.getMessage()) + ". " + synopsis(known));
            return;
        } catch (Exception e) {
            exit(FAILED, "error: " + describe(e));
            return;
        }
        server.setReuseAddr(true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "stop-server"));
        server.start();
        HeldFrames.release(server);
        awaitReady(options);
    }

    /**
     * Call from {@code onStart()}: the server accepts connections now. Prints the ready line,
     * {@code LISTENING AT host:port}.
     */
    public static void ready(WebSocketServer server) {
        InetSocketAddress address = server.getAddress();
        System.out.println("LISTENING AT " + hostText(address.getHostString()) + ":" + server.getPort());
        System.out.flush();
        READY.countDown();
    }

    private org.apache.commons.cli.Options knownOptions() {
        org.apache.commons.cli.Options known = new org.apache.commons.cli.Options();
        known.addOption(valueOption("--host", "H", defaultHost, "the address to listen on (default: " + defaultHost + ")"));
        known.addOption(valueOption("--port", "N", "9000", "the port to listen on (default: 9000)"));
        lessonOptions.forEach(known::addOption);
        known.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
        return known;
    }

    /** An option that takes a value, like {@code --port N}; its default is remembered for {@link Options}. */
    private Option valueOption(String name, String label, String defaultValue, String description) {
        String longName = name.replaceFirst("^--", "");
        defaults.put(longName, defaultValue);
        return Option.builder().longOpt(longName).hasArg().argName(label).desc(description).get();
    }

    private void printHelp(org.apache.commons.cli.Options known) {
        try {
            HelpFormatter.builder().setShowSince(false).get().printHelp(name, null, known, null, true);
        } catch (IOException e) {
            exit(FAILED, "error: cannot print the help: " + describe(e));
        }
        System.out.flush();
        System.exit(0);
    }

    private String synopsis(org.apache.commons.cli.Options known) {
        return "usage: " + name + " " + known.getOptions().stream()
                .filter(Option::hasArg)
                .map(o -> "[--" + o.getLongOpt() + " " + o.getArgName() + "]")
                .collect(Collectors.joining(" "));
    }

    private static void checkPortIsFree(InetSocketAddress address) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(address);
        } catch (BindException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("in use")) {
                exit(FAILED, "error: port " + address.getPort() + " is already in use on "
                        + hostText(address.getHostString()) + "; stop the other server or pick another with --port");
            }
            exit(FAILED, "error: cannot listen on " + hostText(address.getHostString()) + ":"
                    + address.getPort() + ": " + oneLine(why));
        } catch (IOException e) {
            exit(FAILED, "error: cannot listen on " + hostText(address.getHostString()) + ":"
                    + address.getPort() + ": " + describe(e));
        }
    }

    private void awaitReady(Options options) {
        try {
            if (!READY.await(START_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                exit(FAILED, "error: the server did not call Launcher.ready(this) in onStart() within "
                        + START_LIMIT_SECONDS + " s (is port " + options.port() + " free?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stop(WebSocketServer server) {
        try {
            server.stop(1000, "server stopping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A one-line description of why start-up failed, without a stack trace. */
    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "file not found: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "cannot read file: " + e.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : oneLine(message);
    }

    private static String oneLine(String text) {
        return String.valueOf(text).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String hostText(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static void useUtf8Console() {
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    }

    private static void exit(int status, String message) {
        System.err.println(message);
        System.err.flush();
        System.exit(status);
    }
}
