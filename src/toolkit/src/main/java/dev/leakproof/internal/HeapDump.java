package dev.leakproof.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

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
