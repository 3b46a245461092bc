package dev.leakproof.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A fix of a lesson other than its reference solution, laid over the wrong code as the solution is:
 * a near-miss, which a hurried learner or a reviewer would accept but which still leaks, so the
 * leak tests must reject it; or an alternative, another correct fix, which every test must accept.
 * They live beside the solution, in {@code solutions/<lesson>/near-misses/<name>/} and
 * {@code solutions/<lesson>/alternatives/<name>/}, each with a {@code NOTE.md} that says why.
 *
 * @param kind a near-miss or an alternative
 * @param name its folder's name, e.g. {@code side-map-of-load-times}
 * @param dir  its folder
 */
public record Fix(Kind kind, String name, Path dir) {

    /** The two kinds, with the folder names other tools read too (keep them). */
    public enum Kind {
        NEAR_MISS("near-misses", "near-miss"), ALTERNATIVE("alternatives", "alternative");

        private final String folder;
        private final String word;

        Kind(String folder, String word) {
            this.folder = folder;
            this.word = word;
        }

        /** The folder under {@code solutions/<lesson>/}: {@code near-misses} or {@code alternatives}. */
        public String folder() {
            return folder;
        }

        /** {@code near-miss} or {@code alternative}. */
        public String word() {
            return word;
        }
    }

    /** The text that says why it looks right and where it leaks, or why it is correct. */
    public static final String NOTE = "NOTE.md";

    /** Its main code, laid over the lesson's wrong code. */
    public Path sources() {
        return dir.resolve("src/main/java");
    }

    /** {@code near-miss side-map-of-load-times}: how misses and reports name it. */
    public String label() {
        return kind.word() + " " + name;
    }

    /** The fixes of a lesson, near-misses first, each kind by name. */
    static List<Fix> of(Lesson lesson) {
        List<Fix> fixes = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Path folder = lesson.solutionDir().resolve(kind.folder());
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> dirs = Files.list(folder)) {
                fixes.addAll(dirs.filter(Files::isDirectory).sorted()
                        .map(dir -> new Fix(kind, dir.getFileName().toString(), dir)).collect(Collectors.toList()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        return fixes;
    }
}
