package com.beta.lab.replies.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/** What the command line asked for. */
public record Settings(String host, InetAddress address, int port, Path repliesFile) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_PORT = "9000";
    public static final String DEFAULT_REPLIES = "replies.txt";

    public static CommandLine commandLine() {
        return new CommandLine("quiz4-random-replies")
                .option("port", "N").option("host", "H").option("replies", "FILE");
    }

    public static Settings from(Map<String, String> options) throws UsageException {
        int port = Values.port(options.getOrDefault("port", DEFAULT_PORT));
        String replies = options.getOrDefault("replies", DEFAULT_REPLIES);
        Path repliesFile;
        try {
            if (replies.isEmpty()) {
                throw new InvalidPathException(replies, "empty file name");
            }
            repliesFile = Path.of(replies);
        } catch (InvalidPathException e) {
            throw new UsageException("--replies wants a file name, not '" + replies + "'");
        }
        String host = options.getOrDefault("host", DEFAULT_HOST);
        return new Settings(host, Values.host(host), port, repliesFile);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }
}
