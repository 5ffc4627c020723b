package wslab.plumbing;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.cli.CommandLine;

/** Plumbing: the options a lesson was started with, already checked. You never need to change this file. */
public final class Options {

    private final CommandLine given;
    private final Map<String, String> defaults;

    Options(CommandLine given, Map<String, String> defaults) {
        this.given = given;
        this.defaults = Map.copyOf(defaults);
    }

    /** The address to listen on, from {@code --host} and {@code --port}. */
    public InetSocketAddress address() {
        String host = text("--host");
        int port = port();
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UsageError("--host " + host + " is not an address of this computer");
        }
    }

    /** The port from {@code --port}. */
    public int port() {
        String value = text("--port");
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, like any other value that is not a port number
        }
        throw new UsageError("--port must be a whole number between 0 and 65535, not '" + value + "'");
    }

    /** The text given for a lesson's own option, or its default. */
    public String text(String name) {
        String key = name.replaceFirst("^--", "");
        if (!defaults.containsKey(key)) {
            throw new IllegalArgumentException("the lesson has no option " + name);
        }
        return given.getOptionValue(key, defaults.get(key));
    }

    /** A lesson's own option, read as a file path. */
    public Path path(String name) {
        return Path.of(text(name));
    }

    /** A lesson's own option, read as a whole number above zero. */
    public int positiveNumber(String name) {
        String value = text(name);
        try {
            int number = Integer.parseInt(value.strip());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, like any other value that is not a positive whole number
        }
        throw new UsageError(name + " must be a whole number above 0, not '" + value + "'");
    }

    /** A lesson's own option, read as a whole number from {@code min} to {@code max}. */
    public int number(String name, int min, int max) {
        String value = text(name);
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, like any other value out of range
        }
        throw new UsageError(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }
}
