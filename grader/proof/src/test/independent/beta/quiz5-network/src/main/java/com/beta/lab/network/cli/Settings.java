package com.beta.lab.network.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/** What the command line asked for. */
public record Settings(String host, InetAddress address, int port) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final String DEFAULT_PORT = "9000";

    public static CommandLine commandLine() {
        return new CommandLine("quiz5-network").option("port", "N").option("host", "H");
    }

    public static Settings from(Map<String, String> options) throws UsageException {
        int port = Values.port(options.getOrDefault("port", DEFAULT_PORT));
        String host = options.getOrDefault("host", DEFAULT_HOST);
        return new Settings(host, Values.host(host), port);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }
}
