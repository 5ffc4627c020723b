package com.beta.lab.network.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The machine's IPv4 addresses other than loopback. */
public final class LanAddresses {

    private LanAddresses() {
    }

    public static List<String> ipv4() {
        List<String> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        String text = address.getHostAddress();
                        if (!found.contains(text)) {
                            found.add(text);
                        }
                    }
                }
            }
        } catch (SocketException | NullPointerException e) {
            // no interfaces to show
        }
        return found;
    }
}
