package dev.leakproof.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@code lessons/pom.xml}, the aggregator through which an IDE imports every lesson as a module: it
 * must list every lesson folder (a lesson missing from it is missing from the learner's IDE), and
 * only the root pom's {@code lessons} profile may add it to a build, so that {@code mvn verify} never
 * runs the lessons' tests, which fail until the learner fixes them.
 */
@DisplayName("The lessons' aggregator, lessons/pom.xml")
class LessonsPomTest {

    private static final Path ROOT = Path.of(System.getProperty("leakproof.root", "../..")).toAbsolutePath().normalize();

    @Test
    @DisplayName("lists every lesson folder as a module, so that an IDE imports every lesson")
    void listsEveryLesson() {
        List<String> modules = modules(root(ROOT.resolve("lessons").resolve("pom.xml")));

        assertThat(lessonIds().stream().filter(lesson -> !modules.contains(lesson)))
                .as("lesson folders missing from the <modules> of lessons/pom.xml (add each one there)")
                .isEmpty();
    }

    @Test
    @DisplayName("lists no module that is not a lesson folder, so that -Plessons and an IDE import still work")
    void listsNoStrayModule() {
        List<String> modules = modules(root(ROOT.resolve("lessons").resolve("pom.xml")));
        List<String> lessons = lessonIds();

        assertThat(modules.stream().filter(module -> !lessons.contains(module)))
                .as("<module>s of lessons/pom.xml that are no lesson folder (one with a pom.xml) under lessons/")
                .isEmpty();
        assertThat(modules).as("the <modules> of lessons/pom.xml").doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("is in the root build only with the lessons profile: mvn verify never runs the lessons' tests")
    void onlyInTheLessonsProfile() {
        Element rootPom = root(ROOT.resolve("pom.xml"));

        assertThat(modules(rootPom)).as("the root pom's own <modules>").doesNotContain("lessons");
        Element profile = children(child(rootPom, "profiles"), "profile").stream()
                .filter(each -> "lessons".equals(text(child(each, "id"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the root pom has no profile with the id 'lessons'"));
        assertThat(child(profile, "activation") == null)
                .as("the lessons profile has no <activation>: it is asked for (-Plessons, or ticked in the IDE), since "
                        + "one that switched itself on could put the lessons' failing tests in mvn verify")
                .isTrue();
        assertThat(modules(profile)).as("the <modules> of the root pom's lessons profile").containsExactly("lessons");
    }

    @Test
    @DisplayName("is not taken for a lesson: the workbook's lessons are the folders with a pom.xml")
    void isNotALesson(@TempDir Path workbook) throws IOException {
        Files.createDirectories(workbook.resolve("lessons").resolve("01-first"));
        Files.createDirectories(workbook.resolve("solutions"));
        Files.writeString(workbook.resolve("lessons").resolve("pom.xml"), "<project/>");
        Files.writeString(workbook.resolve("lessons").resolve("01-first").resolve("pom.xml"), "<project/>");

        assertThat(new Workbook(workbook).lessons()).extracting(Lesson::id).containsExactly("01-first");
    }

    private static List<String> lessonIds() {
        return new Workbook(ROOT).lessons().stream().map(Lesson::id).collect(Collectors.toList());
    }

    /** The {@code <module>} names under {@code owner}'s own {@code <modules>} (a project's or a profile's). */
    private static List<String> modules(Element owner) {
        return children(child(owner, "modules"), "module").stream()
                .map(LessonsPomTest::text)
                .map(module -> module.replaceAll("/pom\\.xml$", "").replaceAll("/+$", ""))
                .collect(Collectors.toList());
    }

    private static Element root(Path pom) {
        assertThat(pom).as("a pom.xml").isRegularFile();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    /** The first child element of {@code parent} named {@code name}, or null (also when {@code parent} is). */
    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The child elements of {@code parent} named {@code name}: direct children only, none when {@code parent} is null. */
    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && name.equals(node.getNodeName())) {
                found.add((Element) node);
            }
        }
        return found;
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().strip();
    }
}
