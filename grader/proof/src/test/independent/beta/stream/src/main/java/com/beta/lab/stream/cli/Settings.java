package com.beta.lab.stream.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/** What the command line asked for. */
public record Settings(String host, InetAddress address, int port, int frame) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_PORT = "9000";
    public static final String DEFAULT_FRAME = "50";

    public static CommandLine commandLine() {
        return new CommandLine("stream")
                .option("port", "N").option("host", "H").option("frame", "N");
    }

    public static Settings from(Map<String, String> options) throws UsageException {
        int port = Values.port(options.getOrDefault("port", DEFAULT_PORT));
        String rawFrame = options.getOrDefault("frame", DEFAULT_FRAME);
        if (!rawFrame.matches("[0-9]{1,4}") || Integer.parseInt(rawFrame) < 1 || Integer.parseInt(rawFrame) > 1000) {
            throw new UsageException("--frame wants a whole number of samples from 1 to 1000, not '" + rawFrame + "'");
        }
        String host = options.getOrDefault("host", DEFAULT_HOST);
        return new Settings(host, Values.host(host), port, Integer.parseInt(rawFrame));
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }
}
