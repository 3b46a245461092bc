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

/**
 * Tells when a file under a lesson's folder is saved, created or deleted (build output under
 * {@code target/} and hidden folders aside): with the JDK's {@link WatchService}
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

    /**
     * Build output, hidden folders (an IDE's, git's) and what a crashing test JVM leaves in its
     * working folder: their changes are not the learner's saves, and would only start another run.
     */
    static boolean ignored(Path root, Path path) {
        if (!path.startsWith(root) || path.equals(root)) {
            return false;
        }
        Path relative = root.relativize(path);
        String first = relative.getName(0).toString();
        String name = relative.getFileName().toString();
        return first.equals("target") || first.startsWith(".") || name.endsWith(".hprof")
                || name.startsWith("hs_err_pid") || name.startsWith("replay_pid");
    }

    /** "events" or "polling", for the status line. */
    abstract String how();

    @Override
    public abstract void close();

    private static final class Events extends SourceWatcher {
        private final Path root;
        private final WatchService service;
        private final Thread thread;

        private boolean ignored(Path path) {
            return SourceWatcher.ignored(root, path);
        }

        Events(Path dir, Runnable onChange) throws IOException {
            this.root = dir;
            service = FileSystems.getDefault().newWatchService();
            register(dir);
            thread = new Thread(() -> {
                try {
                    while (true) {
                        WatchKey key = service.take();
                        boolean changed = false;
                        for (WatchEvent<?> event : key.pollEvents()) {
                            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                                changed = true;
                                continue;
                            }
                            Path path = ((Path) key.watchable()).resolve((Path) event.context());
                            if (ignored(path)) {
                                continue;
                            }
                            changed = true;
                            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
                                // a folder made anew (src/ after a reset): watch it and all that is in it already
                                register(path);
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
                    if (ignored(d)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
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

    /** The lesson's files with their times and sizes: two equal snapshots mean nothing was saved in between. */
    static Map<Path, String> snapshot(Path dir) {
        Map<Path, String> files = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return ignored(dir, d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!ignored(dir, file)) {
                        files.put(file, attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS) + ":" + attrs.size());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    files.put(file, "gone"); // deleted while walking: a change all the same
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            files.put(dir, "unreadable");
        }
        return files;
    }
}
