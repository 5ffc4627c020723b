package com.beta.lab.messagelog.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/** What the command line asked for. */
public record Settings(String host, InetAddress address, int port, Path logFile) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_PORT = "9000";
    public static final String DEFAULT_LOG = "messages.log";

    public static CommandLine commandLine() {
        return new CommandLine("quiz1-message-log")
                .option("port", "N").option("host", "H").option("log", "FILE");
    }

    public static Settings from(Map<String, String> options) throws UsageException {
        int port = Values.port(options.getOrDefault("port", DEFAULT_PORT));
        String log = options.getOrDefault("log", DEFAULT_LOG);
        Path logFile;
        try {
            if (log.isEmpty()) {
                throw new InvalidPathException(log, "empty file name");
            }
            logFile = Path.of(log);
        } catch (InvalidPathException e) {
            throw new UsageException("--log wants a file name, not '" + log + "'");
        }
        String host = options.getOrDefault("host", DEFAULT_HOST);
        return new Settings(host, Values.host(host), port, logFile);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }
}
