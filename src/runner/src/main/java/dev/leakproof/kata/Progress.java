package dev.leakproof.kata;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The learner's progress, in one small git-ignored file ({@code .kata/progress.properties}): the
 * current lesson and, per lesson, its status, the hints shown and the runs. A missing file starts
 * afresh; from a corrupt one every line that can be read is kept, the others are reported with a
 * warning, and the file as it was is copied aside under a new name (never over an earlier copy).
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
        List<String> lines;
        try {
            // Latin-1 maps every byte to a character: a file with stray bytes is still read line by line.
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            warn.accept("warning: cannot read " + file + " (" + e.getMessage() + "); progress starts afresh");
            return progress;
        }
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = new String(lines.get(i).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            String problem = progress.take(line);
            if (!problem.isEmpty()) {
                dropped.add("line " + (i + 1) + " (" + problem + ")");
            }
        }
        if (!dropped.isEmpty()) {
            Path aside = keepAside(file);
            warn.accept("warning: " + file.getFileName() + ": " + Style.plural(dropped.size(), "line")
                    + " could not be read and " + (dropped.size() == 1 ? "was" : "were") + " left out: "
                    + String.join("; ", dropped) + ". The rest of your progress is kept"
                    + (aside == null ? "." : "; the file as it was is in " + aside.getFileName() + "."));
            try {
                progress.save(); // without the bad lines, so that the warning is not repeated on every command
            } catch (UncheckedIOException e) {
                warn.accept("warning: " + e.getMessage());
            }
        }
        return progress;
    }

    /** Takes one line of the file when every value in it parses; what is wrong with it otherwise. */
    private String take(String line) {
        Properties one = new Properties();
        try {
            one.load(new StringReader(line));
        } catch (IOException | IllegalArgumentException e) {
            return "unreadable: " + e.getMessage();
        }
        for (String key : one.stringPropertyNames()) {
            String value = one.getProperty(key).strip();
            if (key.endsWith(".status")) {
                try {
                    Status.valueOf(value.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    return "'" + value + "' is not a status of " + key.substring(0, key.length() - ".status".length());
                }
            } else if (key.endsWith(".hints") || key.endsWith(".runs")) {
                if (!value.matches("\\d{1,9}")) {
                    return "'" + value + "' is not a count for " + key;
                }
            } else if (!key.equals("current")) {
                return "unknown key '" + key + "'";
            }
        }
        one.stringPropertyNames().forEach(key -> values.setProperty(key, one.getProperty(key).strip()));
        return "";
    }

    /** A copy of the file beside it, under a name no earlier copy has; null when it cannot be made. */
    private static Path keepAside(Path file) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        for (int n = 0; n < 1000; n++) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp + (n == 0 ? "" : "-" + n));
            try {
                return Files.copy(file, aside);
            } catch (FileAlreadyExistsException e) {
                // an earlier copy: never overwrite it
            } catch (IOException e) {
                return null;
            }
        }
        return null;
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

    /** Sets the status, e.g. back to what it was when the code a reset's undo restores was saved. */
    void setStatus(String lesson, Status status) {
        if (status == Status.UNTRIED) {
            values.remove(lesson + ".status");
        } else {
            values.setProperty(lesson + ".status", status.name().toLowerCase(Locale.ROOT));
        }
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
