package wslab.grader.grading;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import wslab.grader.Folders;
import wslab.grader.Kit;
import wslab.grading.CheckSupport;

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
    /**
     * The JDK, the libraries and the grader's own wslab.grading the parts were compiled with: when they change,
     * every part is compiled again.
     */
    private static final String BUILT_WITH = "built-with";
    static final String CHECKS = "checks";
    static final String PLUMBING = "plumbing";

    private final Path root;
    private final Properties built;
    private final Kit kit;
    private final Map<String, String> current = new ConcurrentHashMap<>();

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
        Path own = Path.of(Kit.jarOf(KitClasses.class));
        Properties built = new Properties();
        try {
            Path folder = Files.isDirectory(own) ? own.resolve(FOLDER) : copiedOut(own, work.resolve(FOLDER));
            if (Files.isRegularFile(folder.resolve(HASHES))) {
                try (InputStream in = Files.newInputStream(folder.resolve(HASHES))) {
                    built.load(in);
                }
            }
            return new KitClasses(folder, built, kit);
        } catch (IOException e) {
            return new KitClasses(work, new Properties(), kit);
        }
    }

    /** Copies the parts out of the grader's jar into {@code copy}. */
    private static Path copiedOut(Path jar, Path copy) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (!entry.getName().startsWith(FOLDER + "/") || entry.isDirectory()) {
                    continue;
                }
                Path target = copy.resolve(entry.getName().substring(FOLDER.length() + 1)).normalize();
                if (target.startsWith(copy)) {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return copy;
    }

    /**
     * The part's classes as built, if they were compiled from the kit's sources as they are now, and from
     * the same checks' support (a lesson's checks are compiled against it).
     */
    Optional<Path> part(String part) {
        boolean current = matches(part) && (part.equals(PLUMBING) || matches(CHECKS));
        return current ? Optional.of(root.resolve(part)) : Optional.empty();
    }

    /** Whether a part was built from its sources as they are now (each hashed once a run). */
    private boolean matches(String part) {
        String hash = built.getProperty(part);
        return hash != null && hash.equals(current.computeIfAbsent(part, p -> Folders.sha256(sources(kit, p), file -> true)));
    }

    /** The source folder of a part: the checks' support, the plumbing, or a lesson's checks. */
    static Path sources(Kit kit, String part) {
        return switch (part) {
            case CHECKS -> kit.checksSources();
            case PLUMBING -> kit.plumbingSources();
            default -> kit.checkSources(part);
        };
    }

    /**
     * Compiles the kit's parts into {@code out} with the hashes of their sources; run when the grader is
     * built ({@code process-classes}). A part already built there from the same sources, with the same JDK
     * and libraries, is kept as it is: a build where nothing changed compiles nothing.
     * {@code args}: the kit's folder, the output folder.
     */
    public static void main(String[] args) throws IOException {
        Kit kit = new Kit(Path.of(args[0]));
        Path out = Path.of(args[1]).resolve(FOLDER);
        Properties before = new Properties();
        if (Files.isRegularFile(out.resolve(HASHES))) {
            try (InputStream in = Files.newInputStream(out.resolve(HASHES))) {
                before.load(in);
            }
        }
        String builtWith = System.getProperty("java.version") + " " + Kit.graderClassPath() + " "
                + Folders.sha256(kit.gradingSources(), file -> true);
        if (!builtWith.equals(before.getProperty(BUILT_WITH))) {
            before.clear();
        }
        Path work = Files.createTempDirectory("wslab-kit-classes");
        try {
            Properties hashes = new Properties();
            hashes.setProperty(BUILT_WITH, builtWith);
            boolean supportKept = build(kit, CHECKS, Kit::graderClassPath, out, before, hashes, true);
            build(kit, PLUMBING, () -> Kit.serverLibraries(work), out, before, hashes, true);
            for (String lesson : Kit.LESSONS) {
                build(kit, lesson, () -> Kit.graderClassPath() + java.io.File.pathSeparator + out.resolve(CHECKS), out,
                        before, hashes, supportKept);
            }
            if (!hashes.equals(before)) { // unchanged, it is left as it is: the build's later steps see nothing new
                try (var writer = Files.newBufferedWriter(out.resolve(HASHES))) {
                    hashes.store(writer, "SHA-256 of the kit's sources each part was compiled from");
                }
            }
        } finally {
            Folders.delete(work);
        }
    }

    /** Compiles a part unless it may be kept as built before; says whether it was kept. */
    private static boolean build(Kit kit, String part, java.util.function.Supplier<String> classPath, Path out,
            Properties before, Properties hashes, boolean mayKeep) {
        String hash = Folders.sha256(sources(kit, part), file -> true);
        hashes.setProperty(part, hash);
        if (mayKeep && hash.equals(before.getProperty(part)) && Files.isDirectory(out.resolve(part))) {
            return true;
        }
        Folders.delete(out.resolve(part));
        compile(kit, part, classPath.get(), out);
        return false;
    }

    private static void compile(Kit kit, String part, String classPath, Path out) {
        Compiler.Result result = Compiler.compile(List.of(sources(kit, part)), classPath, out.resolve(part));
        if (!result.ok()) {
            throw new IllegalStateException("the kit's " + part + " does not compile:\n" + String.join("\n", result.messages()));
        }
        if (part.equals(CHECKS)) {
            registerSupport(kit, result.classes());
        }
    }

    /**
     * Puts the checks' support's registration as the grader's {@link CheckSupport} (its META-INF/services file)
     * beside the support's {@code classes}, where the grader finds it ({@link CheckSupport#in}). That one only: the
     * lessons' checklist, registered beside it, is not the grader's report. Returns {@code classes}.
     */
    static Path registerSupport(Kit kit, Path classes) {
        String registration = "META-INF/services/" + CheckSupport.class.getName();
        Path from = kit.checksResources().resolve(registration);
        if (!Files.isRegularFile(from)) {
            throw new IllegalStateException("the kit's check support registers no " + CheckSupport.class.getName()
                    + ": no " + from);
        }
        try {
            Path to = classes.resolve(registration);
            Files.createDirectories(to.getParent());
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return classes;
    }
}
