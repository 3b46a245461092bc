package dev.leakproof.kata;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Tells when a file under a folder is saved, created or deleted: with the JDK's {@link WatchService}
 * where it is backed by the operating system's events (Linux, Windows), and by polling the files'
 * times and sizes where it is not (macOS, where the JDK polls slowly itself) or when asked.
 */
abstract class SourceWatcher implements AutoCloseable {

    /** Starts watching {@code dir} on a daemon thread; {@code onChange} runs after each change. */
    static SourceWatcher start(Path dir, boolean poll, Runnable onChange) {
        boolean eventsUnreliable = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac");
        if (!poll && !eventsUnreliable) {
            try {
                return new Events(dir, onChange);
            } catch (IOException | UnsupportedOperationException e) {
                // fall back to polling
            }
        }
        return new Polling(dir, onChange);
    }

    /** "events" or "polling", for the status line. */
    abstract String how();

    @Override
    public abstract void close();

    private static final class Events extends SourceWatcher {
        private final WatchService service;
        private final Thread thread;

        Events(Path dir, Runnable onChange) throws IOException {
            service = FileSystems.getDefault().newWatchService();
            register(dir);
            thread = new Thread(() -> {
                try {
                    while (true) {
                        WatchKey key = service.take();
                        boolean changed = false;
                        for (WatchEvent<?> event : key.pollEvents()) {
                            changed = true;
                            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                                Path created = ((Path) key.watchable()).resolve((Path) event.context());
                                if (Files.isDirectory(created)) {
                                    register(created);
                                }
                            }
                        }
                        key.reset();
                        if (changed) {
                            onChange.run();
                        }
                    }
                } catch (InterruptedException | ClosedWatchServiceException | IOException e) {
                    // closed: stop watching
                }
            }, "kata-watch");
            thread.setDaemon(true);
            thread.start();
        }

        private void register(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return;
            }
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                    return FileVisitResult.CONTINUE;
                }
            });
        }

        @Override
        String how() {
            return "file events";
        }

        @Override
        public void close() {
            try {
                service.close();
            } catch (IOException e) {
                // already closed
            }
            thread.interrupt();
        }
    }

    private static final class Polling extends SourceWatcher {
        private final Thread thread;
        private volatile boolean running = true;

        Polling(Path dir, Runnable onChange) {
            thread = new Thread(() -> {
                Map<Path, String> last = snapshot(dir);
                while (running) {
                    try {
                        TimeUnit.MILLISECONDS.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                    Map<Path, String> now = snapshot(dir);
                    if (!now.equals(last)) {
                        last = now;
                        onChange.run();
                    }
                }
            }, "kata-poll");
            thread.setDaemon(true);
            thread.start();
        }

        private static Map<Path, String> snapshot(Path dir) {
            Map<Path, String> files = new HashMap<>();
            if (!Files.isDirectory(dir)) {
                return files;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.forEach(file -> {
                    try {
                        files.put(file, Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file));
                    } catch (IOException e) {
                        files.put(file, "gone");
                    }
                });
            } catch (IOException | java.io.UncheckedIOException e) {
                files.put(dir, "unreadable");
            }
            return files;
        }

        @Override
        String how() {
            return "polling";
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
