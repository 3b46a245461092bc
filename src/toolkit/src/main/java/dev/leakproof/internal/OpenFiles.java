package dev.leakproof.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Open file descriptors of this JVM: the operating system's count on Unix; elsewhere, the
 * counting fallback {@link OpenHandlesInHeap}.
 *
 * <p>Read them right after the code under test, before any collection: the JDK closes leaked
 * streams through Cleaners once they become garbage, which would hide the leak.
 */
public final class OpenFiles {

    private static final Path PROC_FDS = Path.of("/proc/self/fd");

    private OpenFiles() {
    }

    /** Whether the operating system counts this JVM's descriptors (Unix); if not, the fallback counts. */
    public static boolean countedByTheSystem() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean;
    }

    /** The number of open descriptors, or, without a system count, of open handles in the heap. */
    public static long count() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean) {
            return ((com.sun.management.UnixOperatingSystemMXBean) os).getOpenFileDescriptorCount();
        }
        return OpenHandlesInHeap.count();
    }

    /**
     * Descriptor number to what it points at, where the OS shows it (Linux); empty elsewhere.
     * Used to name the files a leak left open.
     */
    public static Map<String, String> targets() {
        if (!Files.isDirectory(PROC_FDS)) {
            return Collections.emptyMap();
        }
        Map<String, String> targets = new TreeMap<>();
        List<Path> fds = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC_FDS)) {
            entries.forEach(fds::add);
        } catch (IOException e) {
            return Collections.emptyMap();
        }
        for (Path fd : fds) {
            try {
                targets.put(fd.getFileName().toString(), Files.readSymbolicLink(fd).toString());
            } catch (IOException | UnsupportedOperationException e) {
                // closed while we looked: not open any more, so not a leak
            }
        }
        return targets;
    }
}
