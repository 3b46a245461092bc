package dev.leakproof;

import dev.leakproof.internal.DirectMemory;
import dev.leakproof.internal.Gc;
import dev.leakproof.internal.Histogram;
import dev.leakproof.internal.OpenFiles;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Entry points of the leak-testing toolkit, in the style of AssertJ's {@code Assertions}.
 *
 * <pre>{@code
 * import static dev.leakproof.LeakAssertions.*;
 *
 * assertThat(watch(() -> stack.pop())).isCollectable();
 * assertThat(entries(cache::size)).whileRepeating(100_000, i -> cache.get("k" + i)).growsByAtMost(1_000);
 * assertThatRunning(() -> report.countLines(file)).leavesNoOpenFiles();
 * assertThat(ForkedJvm.withMaxHeap("32m").run(Download.class)).succeeded();
 * assertThatPooledThread().afterTask(Request::new, handler::handle).showsNothingTo(Context::current);
 * }</pre>
 *
 * <p>Every assertion here fails with a {@link LeakAssertionError} when it finds a leak.
 */
public final class LeakAssertions {

    private LeakAssertions() {
    }

    // ---- collectable ---------------------------------------------------------------------------

    /**
     * Makes an object with {@code creator} and watches it. Make the object inside the supplier and
     * keep no other reference to it in the test: a local variable of the test method would keep it
     * alive by itself.
     */
    public static <T> Watched<T> watch(Supplier<? extends T> creator) {
        T object = creator.get();
        Objects.requireNonNull(object, "the creator of a watched object returned null");
        return new Watched<>(object);
    }

    public static CollectableAssert assertThat(Watched<?> watched) {
        return new CollectableAssert(watched);
    }

    // ---- bounded growth ------------------------------------------------------------------------

    public static GrowthAssert assertThat(Measure measure) {
        return new GrowthAssert(measure);
    }

    /** The number of entries something holds, read by {@code size}: {@code entries(cache::size)}. */
    public static Measure entries(IntSupplier size) {
        return new Measure("entries", Measure.Unit.COUNT, size::getAsInt);
    }

    /** The size of a collection, read anew at every checkpoint. */
    public static Measure entries(Collection<?> collection) {
        return new Measure("entries", Measure.Unit.COUNT, collection::size);
    }

    /** The size of a map, read anew at every checkpoint. */
    public static Measure entries(Map<?, ?> map) {
        return new Measure("entries", Measure.Unit.COUNT, map::size);
    }

    /**
     * Live instances of exactly {@code type} after a full collection, counted by the JVM's class
     * histogram: exact, and the same under every collector.
     */
    public static Measure liveInstances(Class<?> type) {
        return new Measure("live " + type.getSimpleName() + " instances", Measure.Unit.COUNT,
                () -> Histogram.liveInstances(type), type);
    }

    /**
     * The bytes {@code component} holds, whichever classes it keeps its data in: the total shallow
     * size of the objects reachable from it through strong references (its fields, their fields,
     * array elements), the component included, each object counted once, read from a dump of the
     * live heap. A cache that bounds its main map but keeps a side map of load times, a deque of
     * keys never trimmed or an empty inner map per key, grows here.
     *
     * <p>Not followed: {@code Class} objects (static fields are not the component's), class
     * loaders, and the referent of a {@link java.lang.ref.Reference}: what a weak, soft or phantom
     * reference points to is not held strongly, so it does not count. Sizes are those of a 64-bit
     * JVM with compressed references (12-byte headers, 4-byte references, 8-byte alignment), the
     * same under every collector. A reading dumps the heap (about half a second for a small heap),
     * so a growth assertion reads it only before the work and at four checkpoints.
     */
    public static Measure retainedBy(Object component) {
        Objects.requireNonNull(component, "the component to measure is null");
        return Measure.reachableFrom(component);
    }

    /**
     * Bytes of direct memory in use: what direct {@code ByteBuffer}s hold outside the heap, as the
     * JVM's buffer pool named "direct" counts them, read after a full collection (and the cleaners
     * it sets off) has freed the buffers nothing holds any more. A growth failure names the direct
     * buffers that grew and what holds them.
     */
    public static Measure directMemory() {
        return new Measure("direct memory", Measure.Unit.BYTES, DirectMemory::inUse, DirectMemory.bufferClass());
    }

    /**
     * Heap in use after a full collection. Collectors round it to their regions, so bound it
     * loosely, with a margin of megabytes; prefer {@link #liveInstances(Class)} where a class
     * stands for the growth.
     */
    public static Measure retainedHeap() {
        return new Measure("retained heap", Measure.Unit.BYTES, Gc::usedHeapAfterCollection);
    }

    /**
     * Bytes allocated so far by the calling thread: garbage included. Pair it with
     * {@link GrowthAssert#growsByAtMostPerOperation(long)} to bound what one call costs.
     */
    public static Measure allocatedBytes() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return new Measure("allocated bytes", Measure.Unit.BYTES, threads::getCurrentThreadAllocatedBytes, null,
                Measure.Explanation.NONE);
    }

    /**
     * Bytes allocated so far by every live thread of this JVM, for work done on other threads (a
     * server's handler threads, a pool's workers). Threads that end between two readings take
     * their share with them: keep the threads alive while measuring.
     */
    public static Measure allocatedBytesByAllThreads() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return new Measure("allocated bytes (all threads)", Measure.Unit.BYTES, () -> {
            long total = 0;
            for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                total += Math.max(0, bytes);
            }
            return total;
        }, null, Measure.Explanation.NONE);
    }

    /**
     * Any count the code under test exposes, named for failure messages:
     * {@code measure("active connections", pool::getActiveConnections)}.
     */
    public static Measure measure(String name, LongSupplier reading) {
        return new Measure(name, Measure.Unit.COUNT, reading);
    }

    /**
     * Open file descriptors of this JVM (files, sockets, pipes), as the OS counts them on Unix;
     * elsewhere the file handles and directory streams the JDK's objects hold open, counted in a
     * heap dump (slower, and blind to files opened by native code).
     */
    public static Measure openFiles() {
        return new Measure("open files", Measure.Unit.COUNT, OpenFiles::count, null, Measure.Explanation.OPEN_FILES);
    }

    // ---- no leftovers --------------------------------------------------------------------------

    /** Runs {@code code} once and asserts on what it left running or open. */
    public static LeftoversAssert assertThatRunning(ThrowingCallable code) {
        return new LeftoversAssert(code);
    }

    // ---- small heap ----------------------------------------------------------------------------

    public static ForkedRunAssert assertThat(ForkedRun run) {
        return new ForkedRunAssert(run);
    }

    // ---- pooled thread state -------------------------------------------------------------------

    /** A single pooled worker thread, named {@code leakproof-pooled-worker}. */
    public static PooledThreadAssert assertThatPooledThread() {
        return new PooledThreadAssert("leakproof-pooled-worker");
    }
}
