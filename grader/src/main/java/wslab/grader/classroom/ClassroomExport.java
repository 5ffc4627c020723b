package wslab.grader.classroom;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Comment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import wslab.grader.Kit;
import wslab.grader.kit.SolutionMarkers;

/**
 * Writes the GitHub Classroom template repository: the kit as a student gets it. Left out is what gives
 * the answers away or needs them ({@code solutions/}; the kit's proof suite, whose fixtures are solutions
 * with one fault each and which grades the solutions; the plumbing's tests, whose echo server is the echo
 * lesson's answer; the exercise generator and the grader's benchmark, which read {@code solutions/}) and
 * what only the kit's authors use (its CI script, this export). The root pom loses the modules left out
 * and the grader's pom the executions of what was left out, so the folder
 * builds on its own. Added: {@code .github/workflows/classroom.yml}, which grades every push and reports the
 * points to Classroom, and a README for the student.
 */
@Command(name = "classroom-export", mixinStandardHelpOptions = true,
        description = "Writes the kit, without its solutions, as a GitHub Classroom template repository.")
public final class ClassroomExport implements Callable<Integer> {

    /** The workflow, relative to the exported folder. */
    public static final String WORKFLOW = ".github/workflows/classroom.yml";

    /** Names left out wherever they are: build output, version control, editors' files, a lesson's log. */
    private static final Set<String> NAMES_LEFT_OUT = Set.of(".git", "target", ".idea", ".vscode", ".settings",
            ".classpath", ".project", "node_modules", "messages.log");

    /** Paths left out, relative to the kit's top folder. */
    private static final List<String> PATHS_LEFT_OUT = List.of(
            "solutions", // the reference solutions
            "grader/src/test", // the grader's own unit tests, which read the kit's sources
            "grader/proof", // the kit's proof suite: fixtures are solutions with one fault each; tests grade solutions/
            "grader/grid", // the Selenium Grid the proof suite grades through
            "grader/jar", // the grader as one jar, for the instructor's Gradescope package
            "grader/benchmark", // grades the solutions
            "grader/benchmark-class", // grades classes made of the solutions
            "grader/src/main/java/wslab/grader/gradescope", // the instructor's Gradescope package
            "grader/src/main/resources/wslab/grader/gradescope",
            "plumbing/src/test", // the plumbing's own tests: their small echo server is the echo lesson's answer
            "grader/src/main/java/wslab/grader/kit", // the exercise generator reads solutions/
            "grader/src/main/java/wslab/grader/classroom/ClassroomExport.java", // this export
            "grader/src/main/resources/wslab/grader/classroom", // what this export writes
            ".ci", // the kit's own CI; the workflow takes its place
            ".github", // the kit's own workflows, if any
            "README.md"); // the kit's README is for its authors; the student gets their own

    /** The grader pom's executions that run what was left out. */
    private static final Set<String> EXECUTIONS_LEFT_OUT = Set.of("generate-exercises", "classroom-export");

    /** The root pom's modules that were left out. */
    private static final Set<String> MODULES_LEFT_OUT = Set.of("solutions", "grader/jar", "grader/grid",
            "grader/proof");

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "an empty or new folder for the template repository")
    Path out;

    public static void main(String[] args) {
        int status = wslab.grader.CommandLines.execute(new ClassroomExport(), args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() throws IOException {
        if (out.toString().contains("${")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "give the folder to write: -Dout=DIR");
        }
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new CommandLine.ParameterException(new CommandLine(this), target + " is a file, not a folder");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            target + " is not empty; give a new or empty folder");
                }
            }
        }
        Kit kit = Kit.current();
        if (target.startsWith(kit.root())) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    target + " is inside the kit; give a folder outside " + kit.root());
        }
        int files = export(kit.root(), target);
        System.out.printf("wrote %d files to %s: the GitHub Classroom template repository, without solutions/%n",
                files, target);
        System.out.println("next: git init, commit, push it to GitHub, mark it a template repository, and make it "
                + "the assignment's starter code");
        return 0;
    }

    /** Writes the template repository from the kit in {@code kit} into {@code target}; returns its file count. */
    public static int export(Path kit, Path target) throws IOException {
        Files.createDirectories(target);
        List<Path> copied = new ArrayList<>();
        Files.walkFileTree(kit, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(kit) && leftOut(kit.relativize(dir))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(kit.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = kit.relativize(file);
                if (attrs.isRegularFile() && !leftOut(relative)) {
                    Path copy = target.resolve(relative.toString());
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    copied.add(copy);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        rewriteRootPom(target.resolve("pom.xml"));
        rewriteGraderPom(target.resolve("grader/pom.xml"));
        replaceIn(target.resolve("plumbing/pom.xml"), "(see solutions/pom.xml)", "(see exercises/pom.xml)");
        Path workflow = target.resolve(WORKFLOW);
        Files.createDirectories(workflow.getParent());
        Files.writeString(workflow, resource("classroom.yml"));
        Files.writeString(target.resolve("README.md"), studentReadme(kit.resolve("README.md")));
        refuseAnswers(target);
        try (Stream<Path> walk = Files.walk(target)) {
            return (int) walk.filter(Files::isRegularFile).count();
        }
    }

    private static boolean leftOut(Path relative) {
        for (Path name : relative) {
            if (NAMES_LEFT_OUT.contains(name.toString()) || name.toString().endsWith(".class")
                    || name.toString().endsWith(".iml")) {
                return true;
            }
        }
        String path = relative.toString().replace('\\', '/');
        return PATHS_LEFT_OUT.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    /** The root pom without the modules left out, and its comment written for the student's copy. */
    private static void rewriteRootPom(Path pom) throws IOException {
        Document document = parse(pom);
        Element modules = only(document.getDocumentElement(), "modules");
        for (Element module : children(modules, "module")) {
            if (MODULES_LEFT_OUT.contains(module.getTextContent().strip())) {
                removeWithIndent(module);
            }
        }
        Node before = previousNonBlank(modules);
        String comment = "\n    The build: the shared plumbing and the grader. The lessons in exercises/ are not modules of this\n"
                + "    build on purpose: each builds on its own, and is meant to fail its checks until it is done:\n"
                + "      ./mvnw test -f exercises/echo\n  ";
        if (before instanceof Comment existing) {
            existing.setData(comment);
        } else {
            modules.getParentNode().insertBefore(document.createComment(comment), modules);
        }
        write(document, pom);
    }

    /** The grader's pom without the executions of what was left out, and without its tests' dependencies. */
    private static void rewriteGraderPom(Path pom) throws IOException {
        Document document = parse(pom);
        NodeList executions = document.getElementsByTagName("execution");
        for (int i = executions.getLength() - 1; i >= 0; i--) {
            Element execution = (Element) executions.item(i);
            List<Element> ids = children(execution, "id");
            if (!ids.isEmpty() && EXECUTIONS_LEFT_OUT.contains(ids.get(0).getTextContent().strip())) {
                removeWithIndent(execution);
            }
        }
        for (Element dependency : children(only(document.getDocumentElement(), "dependencies"), "dependency")) {
            List<Element> scope = children(dependency, "scope");
            if (!scope.isEmpty() && scope.get(0).getTextContent().strip().equals("test")) {
                removeWithIndent(dependency);
            }
        }
        List<Comment> stale = new ArrayList<>();
        collectComments(document, stale);
        for (Comment comment : stale) {
            if (EXECUTIONS_LEFT_OUT.stream().anyMatch(comment.getData()::contains)) {
                removeWithIndent(comment);
            }
        }
        write(document, pom);
    }

    /** The student's README: the kit's introduction, how Classroom grades, then the kit's requirements and lessons. */
    static String studentReadme(Path kitReadme) throws IOException {
        String kit = Files.readString(kitReadme, StandardCharsets.UTF_8);
        List<String> sections = new ArrayList<>(List.of(kit.split("(?m)^(?=## )")));
        StringBuilder readme = new StringBuilder(sections.get(0).strip()).append("\n\n");
        readme.append(resource("README-classroom.md").strip()).append("\n\n");
        for (String heading : List.of("## Requirements", "## The lessons")) {
            sections.stream().filter(s -> s.startsWith(heading + "\n")).findFirst()
                    .ifPresent(s -> readme.append(s.strip()).append("\n\n"));
        }
        return readme.toString().strip() + "\n";
    }

    /** A last look: no solution marker may be left anywhere in the export. */
    private static void refuseAnswers(Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (java.nio.charset.MalformedInputException e) {
                    continue; // not text
                }
                Optional<String> marker = SolutionMarkers.markerIn(text);
                if (marker.isPresent()) {
                    throw new IllegalStateException("the export would give an answer away: " + target.relativize(file)
                            + " holds the solution marker '" + marker.get() + "'");
                }
            }
        }
    }

    private static void replaceIn(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.contains(from)) {
            Files.writeString(file, text.replace(from, to));
        }
    }

    private static String resource(String name) {
        try (InputStream in = ClassroomExport.class.getResourceAsStream("/wslab/grader/classroom/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the grader lacks its resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document parse(Path pom) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    private static void write(Document document, Path pom) throws IOException {
        try {
            document.setXmlStandalone(true);
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter text = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(text));
            // the project's start tag as it was written, one attribute a line, rather than as the transformer writes it
            java.util.regex.Pattern start = java.util.regex.Pattern.compile("<project[^>]*>");
            java.util.regex.Matcher original = start.matcher(Files.readString(pom, StandardCharsets.UTF_8));
            String written = text.toString();
            if (original.find()) {
                written = start.matcher(written).replaceFirst(java.util.regex.Matcher.quoteReplacement(original.group()));
            }
            Files.writeString(pom, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + written + "\n");
        } catch (javax.xml.transform.TransformerException e) {
            throw new IOException("cannot write " + pom + ": " + e.getMessage(), e);
        }
    }

    private static Element only(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.size() != 1) {
            throw new IllegalStateException("expected one <" + name + "> in <" + parent.getTagName() + ">");
        }
        return found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getLocalName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static void collectComments(Node node, List<Comment> comments) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Comment comment) {
                comments.add(comment);
            }
            collectComments(child, comments);
        }
    }

    private static Node previousNonBlank(Node node) {
        Node before = node.getPreviousSibling();
        while (before != null && before.getNodeType() == Node.TEXT_NODE && before.getTextContent().isBlank()) {
            before = before.getPreviousSibling();
        }
        return before;
    }

    /** Removes a node and the blank text (its line's indentation) before it. */
    private static void removeWithIndent(Node node) {
        Node before = node.getPreviousSibling();
        if (before != null && before.getNodeType() == Node.TEXT_NODE && before.getTextContent().isBlank()) {
            before.getParentNode().removeChild(before);
        }
        node.getParentNode().removeChild(node);
    }
}
