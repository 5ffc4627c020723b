package wslab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDK the lesson servers run with: by default the one this JVM runs on, or another named by
 * {@link Setting#SERVER_JAVA} (its folder, a {@code JAVA_HOME}). Its version is read from the folder's
 * {@code release} file, so that naming a JDK starts no process.
 *
 * @param home    the JDK's folder, which holds {@code bin/java}
 * @param version its version, as {@code java -version} says it (e.g. {@code 25.0.1})
 * @param vendor  who built it, when the folder says (e.g. {@code Eclipse Adoptium}); empty otherwise
 */
public record ServerJdk(Path home, String version, String vendor) {

    /** The oldest JDK the lessons run on. */
    public static final int OLDEST = 17;

    private static final Pattern RELEASE_LINE = Pattern.compile("^(\\w+)=\"?([^\"]*)\"?$", Pattern.MULTILINE);

    /** The JDK this JVM runs on. */
    public static ServerJdk running() {
        return new ServerJdk(Path.of(System.getProperty("java.home")), System.getProperty("java.version"),
                System.getProperty("java.vendor", ""));
    }

    /** The JDK {@link Setting#SERVER_JAVA} names, by default the one this JVM runs on. */
    public static ServerJdk from(Function<String, Optional<String>> configuration) {
        return configuration.apply(Setting.SERVER_JAVA.key()).map(String::trim).filter(s -> !s.isEmpty())
                .map(home -> at(Path.of(home))).orElseGet(ServerJdk::running);
    }

    /**
     * The JDK in {@code home}.
     *
     * @throws IllegalArgumentException when {@code home} holds no JDK 17 or newer, with a one-line message
     */
    public static ServerJdk at(Path home) {
        Path folder = home.toAbsolutePath().normalize();
        if (!Files.isExecutable(folder.resolve("bin").resolve("java"))) {
            throw new IllegalArgumentException("no JDK in " + folder + ": it has no bin/java (name a JDK's folder, "
                    + "what JAVA_HOME would be)");
        }
        String release;
        try {
            release = Files.readString(folder.resolve("release"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("no JDK in " + folder + ": it has no release file to say its version");
        }
        String version = field(release, "JAVA_VERSION").orElse("");
        if (feature(version) < OLDEST) {
            throw new IllegalArgumentException("the JDK in " + folder + " is version '" + version + "'; the lessons need "
                    + OLDEST + " or newer");
        }
        return new ServerJdk(folder, version, field(release, "IMPLEMENTOR").orElse(""));
    }

    private static Optional<String> field(String release, String name) {
        Matcher line = RELEASE_LINE.matcher(release);
        while (line.find()) {
            if (line.group(1).equals(name)) {
                return Optional.of(line.group(2).trim());
            }
        }
        return Optional.empty();
    }

    private static int feature(String version) {
        Matcher number = Pattern.compile("^(1\\.)?(\\d+)").matcher(version);
        return number.find() ? Integer.parseInt(number.group(2)) : 0;
    }

    /** The JDK's feature version: 17 for {@code 17.0.12}, 25 for {@code 25.0.1}. */
    public int feature() {
        return feature(version);
    }

    /** Its {@code java} command. */
    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    /** Its {@code jcmd} command. */
    public Path jcmd() {
        return home.resolve("bin").resolve("jcmd");
    }

    /** The JDK whose {@code bin/java} is {@code java}, a command's first word. */
    public static Path homeOf(String java) {
        return Path.of(java).toAbsolutePath().getParent().getParent();
    }

    /** For the reports: {@code JDK 25.0.1 (Eclipse Adoptium) in /usr/lib/jvm/...}. */
    public String line() {
        return "JDK " + version + (vendor.isEmpty() ? "" : " (" + vendor + ")") + " in " + home;
    }
}
