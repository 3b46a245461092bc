package dev.leakproof.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Forces garbage collections and waits, within a fixed budget, for a reference to be cleared.
 *
 * <p>{@code System.gc()} is only a request, and {@code -XX:+DisableExplicitGC} turns it into a
 * no-op. The diagnostic command {@code GC.run} (what {@code jcmd <pid> GC.run} sends) still
 * collects in that case, so it is used whenever explicit GC is disabled.
 */
public final class Gc {

    /** Pauses between collections: short at first, so a clean object passes at once. */
    private static final long[] PAUSES_MS = {0, 10, 20, 40, 60, 80, 120, 160, 200, 240, 270};

    /** The longest a leak takes to be reported: the pauses and collections stop before it is spent. */
    public static final Duration LEAK_BUDGET = Duration.ofMillis(2_000);

    private static final boolean EXPLICIT_GC_DISABLED = explicitGcDisabled();

    private Gc() {
    }

    /** One full collection, even under {@code -XX:+DisableExplicitGC}. */
    public static void collect() {
        if (EXPLICIT_GC_DISABLED) {
            runDiagnosticGc();
        } else {
            System.gc();
        }
    }

    /**
     * Collects until {@code reference} is cleared or the budget is spent.
     *
     * @return the number of collections it took, or -1 when the referent stayed reachable
     */
    public static int awaitCleared(Reference<?> reference) {
        long started = System.nanoTime();
        long deadline = started + LEAK_BUDGET.toNanos();
        long longestCollection = 0;
        int collections = 0;
        for (long pause : PAUSES_MS) {
            // Stop before a pause and a collection that would overrun the budget, judging the
            // collection by the longest one so far: on a loaded machine they slow down.
            if (collections > 0 && System.nanoTime() + pause * 1_000_000 + longestCollection > deadline) {
                break;
            }
            sleep(pause);
            long before = System.nanoTime();
            collect();
            longestCollection = Math.max(longestCollection, System.nanoTime() - before);
            collections++;
            if (reference.refersTo(null)) {
                return collections;
            }
        }
        return -1;
    }

    /** Heap in use after a full collection, in bytes. */
    public static long usedHeapAfterCollection() {
        collect();
        collect();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void sleep(long millis) {
        if (millis == 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for garbage collection", e);
        }
    }

    private static boolean explicitGcDisabled() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return hotspot != null && Boolean.parseBoolean(hotspot.getVMOption("DisableExplicitGC").getValue());
    }

    private static void runDiagnosticGc() {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcRun",
                    new Object[] {null},
                    new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("cannot force a garbage collection through GC.run", e);
        }
    }
}
