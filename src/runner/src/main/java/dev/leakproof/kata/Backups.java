package dev.leakproof.kata;

import dev.leakproof.check.Folders;
import dev.leakproof.check.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reset and its undo. A reset copies the learner's {@code src/} to
 * {@code .kata/backups/<lesson>/<timestamp>/} and brings back the lesson's original code, as the
 * repository has it; an undo restores the latest backup, after backing up what it replaces. No edit
 * is ever lost: every state the learner's code was in stays in a backup.
 */
final class Backups {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final String PLAIN = "\\d{8}-\\d{6}-\\d{3}";

    private final Path root;
    private final Path backups;

    Backups(Path root, Path kataDir) {
        this.root = root;
        this.backups = kataDir.resolve("backups");
    }

    /** Backs up the lesson's code and restores the original; returns the backup's folder. */
    Path reset(Lesson lesson) {
        Path src = lesson.dir().resolve("src");
        String relative = root.relativize(src).toString().replace('\\', '/');
        String original = originalRevision();
        if (git("cat-file", "-e", original + ":" + relative) != 0) {
            throw new Kata.Stop("kata: cannot find the original code of " + lesson.id()
                    + " in git (" + original + ":" + relative + "): reset needs the workbook as a git clone", 1);
        }
        Path backup = backup(lesson, "");
        Folders.delete(src);
        if (git("checkout", original, "--", relative) != 0) {
            throw new Kata.Stop("kata: git could not restore " + relative + "; your code is safe in " + root.relativize(backup), 1);
        }
        return backup;
    }

    /**
     * Where the original code is: the workbook as it was cloned ({@code origin/HEAD}), so that a
     * learner who commits their own work still resets to the lesson's wrong code; HEAD in a
     * repository without that remote.
     */
    private String originalRevision() {
        return git("rev-parse", "--verify", "--quiet", "origin/HEAD") == 0 ? "origin/HEAD" : "HEAD";
    }

    /** Restores the latest backup of the lesson, backing up what it replaces; returns the restored backup. */
    Path undo(Lesson lesson) {
        Path latest = latest(lesson).orElseThrow(() -> new Kata.Stop("kata: there is no backup of " + lesson.id()
                + " to restore: `kata reset` makes one", 1));
        backup(lesson, "-replaced-by-undo");
        Path src = lesson.dir().resolve("src");
        Folders.delete(src);
        copy(latest.resolve("src"), src);
        Path used = latest.resolveSibling(latest.getFileName() + "-restored");
        try {
            Files.move(latest, used);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return used;
    }

    /** The newest backup that a reset made and no undo has restored yet. */
    Optional<Path> latest(Lesson lesson) {
        Path dir = backups.resolve(lesson.id());
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(p -> p.getFileName().toString().matches(PLAIN)).max(Path::compareTo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Path> all(Lesson lesson) {
        Path dir = backups.resolve(lesson.id());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(dir)) {
            return all.sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path backup(Lesson lesson, String suffix) {
        Path target;
        do {
            target = backups.resolve(lesson.id()).resolve(LocalDateTime.now().format(STAMP) + suffix);
        } while (Files.exists(target));
        Path src = lesson.dir().resolve("src");
        if (Files.isDirectory(src)) {
            copy(src, target.resolve("src"));
        } else {
            try {
                Files.createDirectories(target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }

    private int git(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(arguments));
        try {
            Process git = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!git.waitFor(60, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return -1;
            }
            return git.exitValue();
        } catch (IOException e) {
            return -1; // no git on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

}
