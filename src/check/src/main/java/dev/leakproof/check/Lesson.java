package dev.leakproof.check;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * One lesson: its folder under {@code lessons/}, its reference solution under {@code solutions/},
 * and what {@code lesson.properties} says about it.
 */
public final class Lesson {

    public static final String PROPERTIES = "lesson.properties";

    private final String id;
    private final Path dir;
    private final Path solutionDir;
    private final Properties properties;

    Lesson(String id, Path dir, Path solutionDir, Properties properties) {
        this.id = id;
        this.dir = dir;
        this.solutionDir = solutionDir;
        this.properties = properties;
    }

    static Lesson load(Path dir, Path solutionsRoot) {
        String id = dir.getFileName().toString();
        Properties properties = new Properties();
        Path file = dir.resolve(PROPERTIES);
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new Lesson(id, dir, solutionsRoot.resolve(id), properties);
    }

    /** The folder name, e.g. {@code 01-growing-event-log}. */
    public String id() {
        return id;
    }

    /** The id without its number: {@code growing-event-log}. */
    public String name() {
        return id.replaceFirst("^\\d+-", "");
    }

    /** The number the id starts with ({@code 1} for {@code 01-growing-event-log}), or -1 when it has none. */
    public int number() {
        String digits = id.replaceFirst("^(\\d{1,9}).*", "$1");
        return digits.matches("\\d{1,9}") ? Integer.parseInt(digits) : -1;
    }

    public Path dir() {
        return dir;
    }

    public Path solutionDir() {
        return solutionDir;
    }

    public String title() {
        return property("title");
    }

    public String chapter() {
        return property("chapter");
    }

    /** The seed rules the lesson teaches, e.g. {@code S8}. */
    public String rules() {
        return property("rules");
    }

    /** A lesson property, or the empty string. */
    public String property(String key) {
        return properties.getProperty(key, "").trim();
    }

    public Path mainSources() {
        return dir.resolve("src/main/java");
    }

    public Path testSources() {
        return dir.resolve("src/test/java");
    }

    public Path solutionSources() {
        return solutionDir.resolve("src/main/java");
    }

    /** Its near-misses and alternatives (see {@link Fix}), near-misses first. */
    public List<Fix> fixes() {
        return Fix.of(this);
    }

    /** Lessons are the same when they live in the same folder. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Lesson && ((Lesson) other).dir.equals(dir);
    }

    @Override
    public int hashCode() {
        return dir.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
