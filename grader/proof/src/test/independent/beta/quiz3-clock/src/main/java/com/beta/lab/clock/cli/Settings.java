package com.beta.lab.clock.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

/** What the command line asked for. */
public record Settings(String host, InetAddress address, int port, Duration interval) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_PORT = "9000";
    public static final String DEFAULT_INTERVAL_MS = "1000";

    public static CommandLine commandLine() {
        return new CommandLine("quiz3-clock")
                .option("port", "N").option("host", "H").option("interval", "MS");
    }

    public static Settings from(Map<String, String> options) throws UsageException {
        int port = Values.port(options.getOrDefault("port", DEFAULT_PORT));
        String rawInterval = options.getOrDefault("interval", DEFAULT_INTERVAL_MS);
        if (!rawInterval.matches("[0-9]{1,9}") || Long.parseLong(rawInterval) == 0) {
            throw new UsageException("--interval wants a positive number of milliseconds, not '" + rawInterval + "'");
        }
        String host = options.getOrDefault("host", DEFAULT_HOST);
        return new Settings(host, Values.host(host), port, Duration.ofMillis(Long.parseLong(rawInterval)));
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }
}
