package wslab.checks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import wslab.grading.Hosts;
import wslab.grading.ServerJdk;
import wslab.grading.Setting;

/** The command line a lesson's server runs with: its JVM and options, the kit's watch around it, its {@code --host}. */
public final class ServerCommand {

    /** The kit's class that runs a server's main and ends it when the JVM that started it is gone. */
    static final String PARENT_WATCH = "wslab.plumbing.ParentWatch";
    static final String PARENT_PID = "wslab.parent.pid";
    static final String PARENT_STDIN = "wslab.parent.stdin";

    private ServerCommand() {
    }

    /** The {@code java} command of {@code jdk} and the options every server runs with; {@code toBeRefused}: interpreted only. */
    static List<String> java(ServerJdk jdk, boolean toBeRefused) {
        return new ArrayList<>(List.of(
                jdk.java().toString(),
                "-Xmx256m", "-Xss512k", "-XX:ActiveProcessorCount=2", "-XX:+UseSerialGC", "-XX:-UsePerfData", toBeRefused ? "-Xint" : "-XX:TieredStopAtLevel=1",
                // what the JVM reserves stays under the sandbox's memory limit (it reserves 1 GB for classes otherwise)
                "-XX:CompressedClassSpaceSize=64m", "-XX:ReservedCodeCacheSize=64m",
                "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8"));
    }

    /**
     * The address given by {@code -Dwslab.server.host}, if any: where the servers listen and the pages
     * connect, for browsers on another machine (a Selenium Grid). An address of this computer those
     * browsers can reach; not a wildcard such as 0.0.0.0, which no browser can connect to.
     */
    static Optional<String> serverHost(Function<String, Optional<String>> configuration) {
        Optional<String> host = configuration.apply(Setting.SERVER_HOST.key()).map(String::trim)
                .filter(h -> !h.isEmpty());
        if (host.isPresent() && (Hosts.isWildcard(host.get()) || !host.get().matches("[\\w.:\\[\\]-]+"))) {
            throw new IllegalStateException(Setting.SERVER_HOST.key() + " must be one address of this computer that "
                    + "the browsers can reach (like 192.168.1.20), not " + Report.show(host.get()));
        }
        return host;
    }

    /** The value of {@code --host} in a server's arguments, if given. */
    public static Optional<String> hostOption(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--host") && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
            if (args.get(i).startsWith("--host=")) {
                return Optional.of(args.get(i).substring("--host=".length()));
            }
        }
        return Optional.empty();
    }
}
