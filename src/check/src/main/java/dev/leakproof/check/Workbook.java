package dev.leakproof.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The workbook's folders, found from its root: the folder with {@code lessons/} and {@code solutions/}. */
public final class Workbook {

    private final Path root;

    public Workbook(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.root.resolve("lessons"))) {
            throw new IllegalArgumentException(this.root + " is not the workbook's root: it has no lessons/ folder");
        }
    }

    public Path root() {
        return root;
    }

    public Path lessonsDir() {
        return root.resolve("lessons");
    }

    public Path solutionsDir() {
        return root.resolve("solutions");
    }

    /** Every lesson folder (one with a {@code pom.xml}), in the order of their numbers. */
    public List<Lesson> lessons() {
        try (Stream<Path> dirs = Files.list(lessonsDir())) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .sorted()
                    .map(dir -> Lesson.load(dir, solutionsDir()))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lessonsDir(), e);
        }
    }

    /**
     * The lesson someone means by {@code typed} (the runner's argument, the check's selection): its
     * id, its name without the number, its number, its folder's path, or a part of its name that no
     * other lesson's has. Empty when none or several match ({@link #candidates} tells which).
     */
    public static Optional<Lesson> find(List<Lesson> lessons, String typed) {
        List<Lesson> candidates = candidates(lessons, typed);
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    /**
     * Every lesson {@code typed} could mean: the one it names exactly (id, name or number), or else
     * every lesson whose id contains it ({@code cache} matches both {@code unbounded-user-cache} and
     * {@code cache-key-without-equals}, so it names neither).
     */
    public static List<Lesson> candidates(List<Lesson> lessons, String typed) {
        String wanted = typed.strip().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        wanted = wanted.substring(wanted.lastIndexOf('/') + 1);
        if (wanted.isEmpty()) {
            return List.of();
        }
        for (Lesson lesson : lessons) {
            if (lesson.id().equals(wanted) || lesson.name().equals(wanted)) {
                return List.of(lesson);
            }
        }
        if (wanted.matches("\\d+")) {
            int number = Integer.parseInt(wanted.length() > 9 ? "-1" : wanted);
            return lessons.stream().filter(lesson -> lesson.number() == number).limit(1).collect(Collectors.toList());
        }
        String part = wanted;
        return lessons.stream().filter(l -> l.id().contains(part)).collect(Collectors.toList());
    }

    /** Folders under {@code solutions/} with no lesson beside them. */
    public List<Path> orphanSolutions() {
        if (!Files.isDirectory(solutionsDir())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(solutionsDir())) {
            return dirs.filter(Files::isDirectory)
                    .filter(dir -> !Files.isDirectory(lessonsDir().resolve(dir.getFileName())))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + solutionsDir(), e);
        }
    }
}
