package dev.leakproof.kata;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The learner's progress, in one small git-ignored file ({@code .kata/progress.properties}): the
 * current lesson and, per lesson, its status, the hints shown and the runs. A missing file starts
 * afresh; a corrupt one is set aside, rebuilt, and reported with a warning, never a crash.
 */
final class Progress {

    enum Status {
        UNTRIED, RED, GREEN
    }

    private final Path file;
    private final Properties values = new Properties();

    private Progress(Path file) {
        this.file = file;
    }

    static Progress load(Path file, Consumer<String> warn) {
        Progress progress = new Progress(file);
        if (!Files.exists(file)) {
            return progress;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            progress.values.load(reader);
            progress.validate();
        } catch (IOException | IllegalArgumentException e) {
            progress.values.clear();
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // rebuilding over it is enough
            }
            warn.accept("warning: " + file + " was unreadable (" + e.getMessage() + "); progress starts afresh"
                    + " (the old file is kept as " + aside.getFileName() + ")");
        }
        return progress;
    }

    /** Every value of a known key must parse: a file half-written or edited by hand is corrupt. */
    private void validate() {
        for (String key : values.stringPropertyNames()) {
            String value = values.getProperty(key);
            if (key.endsWith(".status")) {
                Status.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } else if (key.endsWith(".hints") || key.endsWith(".runs")) {
                if (Integer.parseInt(value.strip()) < 0) {
                    throw new IllegalArgumentException("negative count for " + key);
                }
            } else if (!key.equals("current")) {
                throw new IllegalArgumentException("unknown key '" + key + "'");
            }
        }
    }

    Status status(String lesson) {
        return Status.valueOf(values.getProperty(lesson + ".status", "UNTRIED").strip().toUpperCase(Locale.ROOT));
    }

    int hints(String lesson) {
        return Integer.parseInt(values.getProperty(lesson + ".hints", "0").strip());
    }

    int runs(String lesson) {
        return Integer.parseInt(values.getProperty(lesson + ".runs", "0").strip());
    }

    String current() {
        return values.getProperty("current", "");
    }

    void setCurrent(String lesson) {
        values.setProperty("current", lesson);
        save();
    }

    void recordRun(String lesson, boolean green) {
        values.setProperty(lesson + ".runs", Integer.toString(runs(lesson) + 1));
        values.setProperty(lesson + ".status", (green ? Status.GREEN : Status.RED).name().toLowerCase(Locale.ROOT));
        save();
    }

    void recordHint(String lesson, int shown) {
        values.setProperty(lesson + ".hints", Integer.toString(shown));
        save();
    }

    /** After a reset the lesson is untried again; its runs and hints stay counted. */
    void markUntried(String lesson) {
        values.remove(lesson + ".status");
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                writer.write("# The kata runner's progress: rebuilt when missing or unreadable.\n");
                for (var entry : new TreeMap<>(values).entrySet()) {
                    writer.write(entry.getKey() + "=" + entry.getValue() + "\n");
                }
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the progress in " + file, e);
        }
    }
}
