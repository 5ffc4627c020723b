package wslab.checks.rules;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import wslab.checks.harness.Client;
import wslab.checks.harness.Report;

/**
 * RULES.md, rules N1 and N2 (quiz 5): the Simon game's rules (SimonRules), listening on every interface by
 * default, and the addresses it prints. "Another computer" is 127.0.0.2: a server bound to 127.0.0.1 only
 * refuses it, one bound to 0.0.0.0 accepts it, and no traffic leaves this machine.
 */
public abstract class NetworkRules extends SimonRules {

    private static final String PREFIX = "Connect from another computer: ";

    @Override
    public String defaultHost() {
        return "0.0.0.0";
    }

    /** The page plays as it would on a second computer: the server's address comes from its URL. */
    @Override
    protected String pageHost() {
        return "127.0.0.2";
    }

    /** The lesson's own rule: the game can be reached from another address. */
    @Override
    public void assertLessonWorks() {
        reachableFromOtherAddress();
    }

    @Test
    @Enforces(Rule.N1)
    @BasicRule
    @DisplayName("accepts connections on another address of this computer (127.0.0.2), by default")
    void reachableFromOtherAddress() {
        URI other = server.uri("127.0.0.2");
        Client client;
        try {
            client = Client.connect(other);
        } catch (AssertionError e) {
            throw Report.of("by default the server listens on all interfaces (0.0.0.0), so another computer can reach it")
                    .sent("a connection to " + other)
                    .expected("an open connection and a Simon game")
                    .got("the connection was refused")
                    .hint("a server bound to 127.0.0.1 accepts connections from this computer only")
                    .error();
        }
        try (client) {
            expectNumber(client, 1, "a new connection to " + other);
        }
    }

    @Test
    @Enforces(Rule.N2)
    @StandsAlone
    @DisplayName("prints a ws:// address for each IPv4 address of this computer other than loopback")
    void printsAddresses() throws SocketException {
        Set<String> expected = new TreeSet<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (network.isUp() && address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    expected.add(PREFIX + "ws://" + address.getHostAddress() + ":" + server.port() + "/");
                }
            }
        }
        List<String> lines = server.stdout().lines();
        int ready = lines.indexOf(server.readyLine());
        Set<String> printed = lines.stream().skip(ready + 1).filter(l -> l.startsWith(PREFIX))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!printed.equals(expected)) {
            throw Report.of("after the ready line the server prints, for each non-loopback IPv4 address, "
                            + "\"Connect from another computer: ws://<address>:<port>/\"")
                    .sent("nothing: the server started")
                    .expected(Report.show(List.copyOf(expected)))
                    .got(Report.show(List.copyOf(printed)))
                    .hint("NetworkInterface.getNetworkInterfaces(), then each interface's Inet4Address that is not loopback")
                    .error();
        }
    }
}
