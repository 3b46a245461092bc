package dev.leakproof.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import shark.ByteArraySourceProvider;
import shark.CloseableHeapGraph;
import shark.HprofHeapGraph;
import shark.HprofRecordTag;

/** A dump of the live heap in a temporary file, deleted on close. */
final class HeapDump implements AutoCloseable {

    private final Path dir;
    private final Path file;

    private HeapDump(Path dir, Path file) {
        this.dir = dir;
        this.file = file;
    }

    /** Dumps the objects reachable now (the dump itself runs a full collection first). */
    static HeapDump ofLiveObjects() {
        return dump(true);
    }

    /** Dumps every object on the heap, garbage included, without a collection. */
    static HeapDump ofAllObjects() {
        return dump(false);
    }

    private static HeapDump dump(boolean liveOnly) {
        try {
            Path dir = Files.createTempDirectory("leakproof-heap");
            Path file = dir.resolve("heap.hprof");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), liveOnly);
            return new HeapDump(dir, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot dump the heap", e);
        }
    }

    Path file() {
        return file;
    }

    /**
     * The dump as Shark's graph. Read into memory when it fits easily in the free heap: the analysis
     * reads records one at a time, by their position, and from a file each read is a system call (a
     * path search took a third longer). A large dump is read from the file, not to crowd the heap of
     * the test it explains.
     */
    CloseableHeapGraph openGraph(Set<? extends HprofRecordTag> indexedGcRoots) throws IOException {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (size() > 0 && size() <= free / 4) {
            return HprofHeapGraph.Companion.openHeapGraph(new ByteArraySourceProvider(Files.readAllBytes(file)), null,
                    indexedGcRoots);
        }
        return HprofHeapGraph.Companion.openHeapGraph(file.toFile(), null, indexedGcRoots);
    }

    long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the heap dump " + file, e);
        }
    }
}
