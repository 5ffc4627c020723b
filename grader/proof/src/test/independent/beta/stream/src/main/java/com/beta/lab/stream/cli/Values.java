package com.beta.lab.stream.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Converters from option text to checked values. */
public final class Values {

    private Values() {
    }

    public static int port(String raw) throws UsageException {
        if (raw == null || !raw.matches("[0-9]{1,5}")) {
            throw new UsageException("--port wants a number from 0 to 65535, not '" + raw + "'");
        }
        int port = Integer.parseInt(raw);
        if (port > 65535) {
            throw new UsageException("--port wants a number from 0 to 65535, not '" + raw + "'");
        }
        return port;
    }

    public static InetAddress host(String raw) throws UsageException {
        if (raw == null || raw.isBlank() || !raw.strip().equals(raw)) {
            throw new UsageException("--host wants a host name or an IP address, not '" + raw + "'");
        }
        try {
            return InetAddress.getByName(raw);
        } catch (UnknownHostException | SecurityException e) {
            throw new UsageException("--host: unknown host '" + raw + "'");
        }
    }
}
