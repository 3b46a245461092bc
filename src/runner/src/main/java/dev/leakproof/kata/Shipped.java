package dev.leakproof.kata;

import dev.leakproof.check.Folders;
import dev.leakproof.check.Workbook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The workbook as it was shipped: its lessons and solutions as git has them at the revision a reset
 * goes back to ({@code origin/HEAD}, else {@code HEAD}), copied out beside the learner's work and
 * never over it. {@code kata verify} checks that copy, so a learner's solved lessons do not make the
 * workbook look broken.
 */
final class Shipped {

    /** The code a check runs on, and the words that say which it is. */
    record Copy(Workbook workbook, String what) {
    }

    private Shipped() {
    }

    static Copy workingCopy(Workbook workbook) {
        return new Copy(workbook, "the working copy (the lessons as they are in this folder now)");
    }

    /**
     * The shipped lessons, copied under {@code cache} (once per revision); the working copy, said so,
     * when the workbook is not a git clone.
     */
    static Copy of(Path root, Path cache) {
        String revision = new Backups(root, root.resolve(".kata")).originalRevision();
        String commit = git(root, null, "rev-parse", "--verify", "--quiet", revision + "^{commit}").strip();
        if (commit.isEmpty()) {
            return new Copy(new Workbook(root), "the working copy (not a git clone, so the lessons as shipped are unknown)");
        }
        String shortCommit = commit.substring(0, Math.min(12, commit.length()));
        Path copy = cache.resolve(shortCommit);
        if (!Files.isDirectory(copy.resolve("lessons"))) {
            Path partial = cache.resolve(shortCommit + ".partial");
            Folders.delete(partial);
            try {
                Files.createDirectories(partial);
                // A private index: the learner's own index and files stay untouched.
                Path index = partial.resolve(".index");
                git(root, index, "read-tree", commit);
                git(root, index, "checkout-index", "--all", "--force", "--prefix=" + partial.toAbsolutePath() + "/");
                Files.delete(index);
                Folders.delete(copy);
                Files.move(partial, copy);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the shipped lessons to " + copy, e);
            }
        }
        return new Copy(new Workbook(copy), "the lessons as shipped (" + revision + ", " + shortCommit + ")");
    }

    /** Runs git in {@code root}; its output. A failure stops the command, except for rev-parse (empty output). */
    private static String git(Path root, Path index, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (index != null) {
            builder.environment().put("GIT_INDEX_FILE", index.toAbsolutePath().toString());
        }
        try {
            Process git = builder.start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(120, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                throw new Kata.Stop("kata: git did not answer within 2 minutes (" + String.join(" ", arguments) + ")", 1);
            }
            if (git.exitValue() != 0) {
                if (arguments[0].equals("rev-parse")) {
                    return "";
                }
                throw new Kata.Stop("kata: git " + arguments[0] + " failed: " + output.strip(), 1);
            }
            return output;
        } catch (IOException e) {
            return ""; // no git on this machine: as a folder that is not a clone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Kata.Stop("kata: interrupted", 130);
        }
    }
}
