package com.example.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The folder the service writes its logs to: today's {@code .log} file, the rotated ones of the
 * last days beside it, and older ones compressed to {@code .log.gz}.
 *
 * <p>The health endpoint asks it how many error lines the logs hold; the monitoring system polls
 * that endpoint every fifteen seconds and raises an alert when the count jumps.
 */
public class LogFolder {

    private static final String LOG_SUFFIX = ".log";

    private final Path folder;

    public LogFolder(Path folder) {
        this.folder = folder;
    }

    /** The log files of the folder, sorted by name; compressed archives and other files are left out. */
    public List<Path> logFiles() throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries
                    .filter(file -> file.getFileName().toString().endsWith(LOG_SUFFIX))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** How many lines of the log files contain {@code text}, read afresh on every call. */
    public long countLinesContaining(String text) throws IOException {
        long count = 0;
        for (Path file : logFiles()) {
            try (Stream<String> lines = Files.newBufferedReader(file).lines()) {
                count += lines.filter(line -> line.contains(text)).count();
            }
        }
        return count;
    }
}
