package wslab.grading;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * Addresses as the grader and the checks read them: where a server listens, where a client or a page
 * connects, and the address the browsers reach this computer at ({@link Setting#SERVER_HOST}).
 */
public final class Hosts {

    /** This computer, for a client on it: where servers listen unless told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    private Hosts() {
    }

    /** Whether {@code host} means every address of this computer (0.0.0.0, ::), which no client can connect to. */
    public static boolean isWildcard(String host) {
        String bare = host.replaceAll("^\\[|\\]$", "");
        return bare.equals("0.0.0.0") || bare.matches("[0:]*:[0:]*");
    }

    /** Whether {@code host} is this computer's loopback (127.x.x.x, localhost, ::1): a browser elsewhere cannot reach it. */
    public static boolean isLoopback(String host) {
        return host.startsWith("127.") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]");
    }

    /** {@code host} as it stands in a URL: an IPv6 address in brackets. */
    public static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * Where a page connects when a check asks for {@code host}: as asked, unless {@code given} names the address
     * the browsers reach this computer at. Then 127.0.0.1 becomes that address, and so does any other loopback
     * address when that one is not loopback (a browser on another machine).
     */
    public static String pageHost(String host, Optional<String> given) {
        if (given.isEmpty() || !isLoopback(host)) {
            return host;
        }
        return host.equals(LOOPBACK) || !isLoopback(given.get()) ? given.get() : host;
    }

    /**
     * Refuses, with an {@link IllegalArgumentException} that says why, a server host that is not one address of
     * this computer the servers can listen on: unknown, a wildcard, or another computer's.
     */
    public static void checkServerHost(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host.trim());
        } catch (IOException e) {
            throw new IllegalArgumentException("the server host '" + host + "' is not a known address: " + e.getMessage());
        }
        if (address.isAnyLocalAddress()) {
            throw new IllegalArgumentException("the server host must be one address of this computer that "
                    + "the browsers can reach, like 192.168.1.20, not '" + host + "'");
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(address, 0));
        } catch (IOException e) {
            throw new IllegalArgumentException("the server host '" + host + "' is not an address of this computer: "
                    + e.getMessage());
        }
    }
}
