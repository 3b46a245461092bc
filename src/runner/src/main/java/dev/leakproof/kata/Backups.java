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
    /** Beside a backup's {@code src/}: the lesson's status when it was made, so that an undo restores it too. */
    private static final String STATUS = "status";
    private static final String PLAIN = "\\d{8}-\\d{6}-\\d{3}";

    private final Path root;
    private final Path backups;

    Backups(Path root, Path kataDir) {
        this.root = root;
        this.backups = kataDir.resolve("backups");
    }

    /** What an undo brought back: the backup's folder, and the lesson's status when that code was backed up. */
    record Restored(Path folder, Progress.Status status) {
    }

    /**
     * Backs up the lesson's code (with its {@code status}) and restores the original; returns the
     * backup's folder. With {@code testsOnly}, the learner's main code stays: the tests and the
     * lesson's other files are restored (the usual reason to reset is a deleted test file).
     */
    Path reset(Lesson lesson, Progress.Status status, boolean testsOnly) {
        String lessonPath = root.relativize(lesson.dir()).toString().replace('\\', '/');
        String original = originalRevision();
        if (git("cat-file", "-e", original + ":" + lessonPath + "/src") != 0) {
            throw new Kata.Stop("kata: cannot find the original code of " + lesson.id()
                    + " in git (" + original + ":" + lessonPath + "/src): reset needs the workbook as a git clone", 1);
        }
        Path backup = backup(lesson, "", status);
        int restored;
        if (testsOnly) {
            Folders.delete(lesson.dir().resolve("src").resolve("test"));
            restored = git("checkout", original, "--", lessonPath, ":(exclude)" + lessonPath + "/src/main");
        } else {
            Folders.delete(lesson.dir().resolve("src"));
            restored = git("checkout", original, "--", lessonPath + "/src");
        }
        if (restored != 0) {
            throw new Kata.Stop("kata: git could not restore " + lessonPath + "; your code is safe in "
                    + root.relativize(backup), 1);
        }
        return backup;
    }

    /**
     * Where the original code is: the workbook as it was cloned ({@code origin/HEAD}), so that a
     * learner who commits their own work still resets to the lesson's wrong code; HEAD in a
     * repository without that remote.
     */
    String originalRevision() {
        return git("rev-parse", "--verify", "--quiet", "origin/HEAD") == 0 ? "origin/HEAD" : "HEAD";
    }

    /**
     * Restores the latest backup of the lesson, backing up what it replaces (with {@code status}, the
     * lesson's status now); returns the restored backup and the status its code had.
     */
    Restored undo(Lesson lesson, Progress.Status status) {
        Path latest = latest(lesson).orElseThrow(() -> new Kata.Stop("kata: there is no backup of " + lesson.id()
                + " to restore: `kata reset` makes one", 1));
        backup(lesson, "-replaced-by-undo", status);
        Path src = lesson.dir().resolve("src");
        Folders.delete(src);
        copy(latest.resolve("src"), src);
        Path used = latest.resolveSibling(latest.getFileName() + "-restored");
        try {
            Files.move(latest, used);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Restored(used, readStatus(used));
    }

    private static Progress.Status readStatus(Path backup) {
        try {
            Path file = backup.resolve(STATUS);
            return Files.isRegularFile(file)
                    ? Progress.Status.valueOf(Files.readString(file).strip().toUpperCase(java.util.Locale.ROOT))
                    : Progress.Status.UNTRIED;
        } catch (IOException | IllegalArgumentException e) {
            return Progress.Status.UNTRIED; // a backup from before statuses were kept, or edited by hand
        }
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

    private Path backup(Lesson lesson, String suffix, Progress.Status status) {
        Path target;
        do {
            target = backups.resolve(lesson.id()).resolve(LocalDateTime.now().format(STAMP) + suffix);
        } while (Files.exists(target));
        Path src = lesson.dir().resolve("src");
        if (Files.isDirectory(src)) {
            copy(src, target.resolve("src"));
        }
        try {
            Files.createDirectories(target);
            Files.writeString(target.resolve(STATUS), status.name().toLowerCase(java.util.Locale.ROOT) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
