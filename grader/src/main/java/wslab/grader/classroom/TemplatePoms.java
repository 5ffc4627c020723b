package wslab.grader.classroom;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Comment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The template's poms, edited as XML documents (the JDK's DOM): what was left out of the template leaves its
 * build too, and the rest of each pom (its comments, its layout) stays as written.
 */
final class TemplatePoms {

    private TemplatePoms() {
    }

    /** The root pom without the modules left out, and its comment written for the student's copy. */
    static void withoutModules(Path pom, Set<String> modulesLeftOut) throws IOException {
        Document document = parse(pom);
        Element modules = only(document.getDocumentElement(), "modules");
        for (Element module : children(modules, "module")) {
            if (modulesLeftOut.contains(module.getTextContent().strip())) {
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
    static void withoutExecutions(Path pom, Set<String> executionsLeftOut) throws IOException {
        Document document = parse(pom);
        NodeList executions = document.getElementsByTagName("execution");
        for (int i = executions.getLength() - 1; i >= 0; i--) {
            Element execution = (Element) executions.item(i);
            List<Element> ids = children(execution, "id");
            if (!ids.isEmpty() && executionsLeftOut.contains(ids.get(0).getTextContent().strip())) {
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
            if (executionsLeftOut.stream().anyMatch(comment.getData()::contains)) {
                removeWithIndent(comment);
            }
        }
        write(document, pom);
    }

    private static Document parse(Path pom) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (ParserConfigurationException | SAXException e) {
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
            Pattern start = Pattern.compile("<project[^>]*>");
            Matcher original = start.matcher(Files.readString(pom, StandardCharsets.UTF_8));
            String written = text.toString();
            if (original.find()) {
                written = start.matcher(written).replaceFirst(Matcher.quoteReplacement(original.group()));
            }
            Files.writeString(pom, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + written + "\n");
        } catch (TransformerException e) {
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
