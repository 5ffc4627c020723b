package wslab.grader;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The kit's own code compiled when the grader is built: the checks' support, the plumbing and each
 * lesson's checks, with a hash of the sources each was compiled from. A grading run uses a part as
 * built while the kit's sources still have that hash, and compiles it again otherwise (a kit whose
 * checks were edited since): javac then only compiles the students' code.
 */
public final class KitClasses {

    /** Where the parts are, in the grader's classes and jar. */
    static final String FOLDER = "wslab-kit-classes";
    private static final String HASHES = "sources.properties";
    static final String SELFCHECK = "selfcheck";
    static final String PLUMBING = "plumbing";

    private final Path root;
    private final Properties built;
    private final Kit kit;

    private KitClasses(Path root, Properties built, Kit kit) {
        this.root = root;
        this.built = built;
        this.kit = kit;
    }

    /**
     * The parts the grader was built with, usable from {@code work} (copied out of the grader's jar when
     * it runs from one); none when it was built without them.
     */
    static KitClasses of(Kit kit, Path work) {
        URL hashes = KitClasses.class.getResource("/" + FOLDER + "/" + HASHES);
        Properties built = new Properties();
        if (hashes == null) {
            return new KitClasses(work, built, kit);
        }
        try {
            try (InputStream in = hashes.openStream()) {
                built.load(in);
            }
            if (hashes.getProtocol().equals("file")) {
                return new KitClasses(Path.of(hashes.toURI()).getParent(), built, kit);
            }
            Path copy = work.resolve(FOLDER);
            JarURLConnection connection = (JarURLConnection) hashes.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = new JarFile(connection.getJarFileURL().toURI().getPath())) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    if (entry.getName().startsWith(FOLDER + "/") && !entry.isDirectory()) {
                        Path target = copy.resolve(entry.getName().substring(FOLDER.length() + 1)).normalize();
                        if (!target.startsWith(copy)) {
                            continue;
                        }
                        Files.createDirectories(target.getParent());
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, target);
                        }
                    }
                }
            }
            return new KitClasses(copy, built, kit);
        } catch (IOException | URISyntaxException | ClassCastException e) {
            return new KitClasses(work, new Properties(), kit);
        }
    }

    /**
     * The part's classes as built, if they were compiled from the kit's sources as they are now, and from
     * the same checks' support (a lesson's checks are compiled against it).
     */
    Optional<Path> part(String part) {
        boolean current = matches(part) && (part.equals(PLUMBING) || matches(SELFCHECK));
        return current ? Optional.of(root.resolve(part)) : Optional.empty();
    }

    private boolean matches(String part) {
        String hash = built.getProperty(part);
        return hash != null && hash.equals(Folders.sha256(sources(kit, part), file -> true));
    }

    /** The source folder of a part: the checks' support, the plumbing, or a lesson's checks. */
    static Path sources(Kit kit, String part) {
        return switch (part) {
            case SELFCHECK -> kit.selfcheckSources();
            case PLUMBING -> kit.plumbingSources();
            default -> kit.checkSources(part);
        };
    }

    /**
     * Compiles the kit's parts into {@code out} with the hashes of their sources; run when the grader is
     * built ({@code process-classes}). {@code args}: the kit's folder, the output folder.
     */
    public static void main(String[] args) throws IOException {
        Kit kit = new Kit(Path.of(args[0]));
        Path out = Path.of(args[1]).resolve(FOLDER);
        Folders.delete(out);
        Path work = Files.createTempDirectory("wslab-kit-classes");
        try {
            Properties hashes = new Properties();
            compile(kit, SELFCHECK, Kit.graderClassPath(), out, hashes);
            compile(kit, PLUMBING, Kit.serverLibraries(work), out, hashes);
            for (String lesson : Kit.LESSONS) {
                compile(kit, lesson, Kit.graderClassPath() + java.io.File.pathSeparator + out.resolve(SELFCHECK), out, hashes);
            }
            try (var writer = Files.newBufferedWriter(out.resolve(HASHES))) {
                hashes.store(writer, "SHA-256 of the kit's sources each part was compiled from");
            }
        } finally {
            Folders.delete(work);
        }
    }

    private static void compile(Kit kit, String part, String classPath, Path out, Properties hashes) {
        Path sources = sources(kit, part);
        Compiler.Result result = Compiler.compile(List.of(sources), classPath, out.resolve(part));
        if (!result.ok()) {
            throw new IllegalStateException("the kit's " + part + " does not compile:\n" + String.join("\n", result.messages()));
        }
        hashes.setProperty(part, Folders.sha256(sources, file -> true));
    }
}
