package wslab.checks.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import wslab.grading.ServerArchive;
import wslab.grading.ServerJdk;
import wslab.grading.Setting;

/**
 * Where a lesson's server is: its class path and the one class that declares {@code main}. The class
 * is found, not assumed: package and class names are the student's.
 *
 * <p>Configuration parameters (or system properties) {@code wslab.server.classes} and
 * {@code wslab.server.classpath} point at other code, as the grader does; by default it is the
 * module's own {@code target/classes} on the class path the tests run with. {@code wslab.server.archive} names
 * the class-data archive its JVM starts with, when it is there ({@link ServerArchive}); by default none.
 * {@code wslab.server.java} names the JDK it runs with ({@link ServerJdk}); by default the one the checks run on.
 */
public record ServerCode(String mainClass, String classPath, Optional<Path> archive, ServerJdk jdk) {

    public static ServerCode from(Function<String, Optional<String>> configuration) {
        Path classes = configuration.apply(Setting.SERVER_CLASSES.key()).map(Path::of)
                .orElse(Path.of("target", "classes")).toAbsolutePath();
        String classPath = configuration.apply(Setting.SERVER_CLASSPATH.key())
                .orElseGet(() -> moduleClassPath(classes));
        Optional<Path> archive = configuration.apply(Setting.SERVER_ARCHIVE.key()).filter(a -> !a.isBlank()).map(Path::of);
        return new ServerCode(findMainClass(classes, classPath), classPath, archive, ServerJdk.from(configuration));
    }

    private static String moduleClassPath(Path classes) {
        List<String> entries = new ArrayList<>();
        entries.add(classes.toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (!path.equals(classes) && !path.endsWith("test-classes")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    static String findMainClass(Path classes, String classPath) {
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$"))
                    .map(f -> classes.relativize(f).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", ""))
                    // the kit's own, compiled in with the lesson (or its tests, for the plumbing's)
                    .filter(name -> !name.equals(ServerCommand.PARENT_WATCH) && !name.startsWith("wslab.checks.harness.")
                            && !name.startsWith("wslab.grading."))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the compiled classes in " + classes
                    + " (has the lesson been compiled?)", e);
        }
        List<String> mains = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(urls(classPath), ClassLoader.getPlatformClassLoader())) {
            for (String name : names) {
                if (declaresMain(loader, name)) {
                    mains.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (mains.size() != 1) {
            throw new AssertionError(Report.of("a lesson has exactly one class that declares public static void main(String[])")
                    .got(mains.isEmpty() ? "no such class in " + classes : "several: " + String.join(", ", mains))
                    .toString());
        }
        return mains.get(0);
    }

    private static boolean declaresMain(ClassLoader loader, String name) {
        try {
            Class<?> type = Class.forName(name, false, loader);
            Method main = type.getDeclaredMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers()) && Modifier.isPublic(main.getModifiers());
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    private static URL[] urls(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator)).map(entry -> {
            try {
                return Path.of(entry).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(entry, e);
            }
        }).toArray(URL[]::new);
    }
}
