package dev.leakproof.internal;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/** Direct memory in use, as the JVM's "direct" buffer pool counts it: what direct ByteBuffers hold. */
public final class DirectMemory {

    private static final long PAUSE_MS = 10;
    private static final int MAX_PAUSES = 50;

    private DirectMemory() {
    }

    /**
     * Bytes in use after a full collection. A buffer nothing holds frees its memory only when a
     * cleaner runs, on another thread, after the collection: the figure is read until it holds
     * still for one pause (half a second at most).
     */
    public static long inUse() {
        BufferPoolMXBean pool = pool();
        Gc.collect();
        long last = pool.getMemoryUsed();
        for (int i = 0; i < MAX_PAUSES; i++) {
            try {
                Thread.sleep(PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = pool.getMemoryUsed();
            if (now == last) {
                break;
            }
            last = now;
        }
        return last;
    }

    private static BufferPoolMXBean pool() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool;
            }
        }
        throw new IllegalStateException("this JVM has no buffer pool named \"direct\"");
    }

    /** The class of a direct ByteBuffer, whose live instances hold direct memory; null if unknown. */
    public static Class<?> bufferClass() {
        try {
            return Class.forName("java.nio.DirectByteBuffer");
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
