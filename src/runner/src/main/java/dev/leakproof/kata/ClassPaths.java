package dev.leakproof.kata;

import dev.leakproof.check.Lesson;
import dev.leakproof.check.LessonClassPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Each lesson's test class path, as {@code mvn test} in the lesson builds it: read from the file
 * {@link LessonClassPaths} writes, and resolved again (for every stale lesson, in one Maven run)
 * only when that file is missing, older than the lesson's pom or names a jar that is gone.
 */
final class ClassPaths {

    private final List<Path> fixed;
    private final Path mavenCommand;
    private final Path workDir;
    private final Path rootPom;

    /**
     * @param fixed the class path of every lesson, when given ({@code kata.classpath}: the runner's own
     *              tests, whose fixture lessons have no Maven project), or null to resolve
     */
    ClassPaths(List<Path> fixed, Path mavenCommand, Path workDir, Path rootPom) {
        this.fixed = fixed;
        this.mavenCommand = mavenCommand;
        this.workDir = workDir;
        this.rootPom = rootPom;
    }

    List<Path> of(Lesson lesson, List<Lesson> all, Consumer<String> note) {
        if (fixed != null) {
            return fixed;
        }
        if (stale(lesson)) {
            List<Lesson> stale = all.stream().filter(ClassPaths::staleQuietly).collect(Collectors.toList());
            if (!stale.contains(lesson)) {
                stale.add(lesson);
            }
            note.accept("Resolving the class path of " + Style.plural(stale.size(), "lesson")
                    + " with Maven (once; it is kept in each lesson's " + LessonClassPaths.CLASSPATH_FILE + ")…");
            new LessonClassPaths(mavenCommand, workDir).resolve(stale);
        }
        try {
            return LessonClassPaths.read(lesson);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the class path of " + lesson.id() + ": " + e.getMessage(), e);
        }
    }

    private static boolean staleQuietly(Lesson lesson) {
        try {
            return stale(lesson, null);
        } catch (IOException e) {
            return true;
        }
    }

    private boolean stale(Lesson lesson) {
        try {
            return stale(lesson, rootPom);
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean stale(Lesson lesson, Path rootPom) throws IOException {
        Path file = lesson.dir().resolve(LessonClassPaths.CLASSPATH_FILE);
        if (!Files.isRegularFile(file)) {
            return true;
        }
        long written = Files.getLastModifiedTime(file).toMillis();
        if (Files.getLastModifiedTime(lesson.dir().resolve("pom.xml")).toMillis() > written
                || rootPom != null && Files.isRegularFile(rootPom) && Files.getLastModifiedTime(rootPom).toMillis() > written) {
            return true;
        }
        for (Path entry : LessonClassPaths.read(lesson)) {
            if (!Files.exists(entry)) {
                return true;
            }
        }
        return false;
    }
}
