package dev.leakproof.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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

    /**
     * The name of the warm worker's own main thread ({@code kata} watch mode), which only waits while
     * a run's tests go on: the harness, not the code under test.
     */
    public static final String WARM_WORKER_THREAD = "leakproof-warm-worker";

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
        return awaitClearing(reference).collections();
    }

    /** How {@link #awaitClearing} ended. */
    public static final class Outcome {
        private final int collections;
        private final boolean proven;

        Outcome(int collections, boolean proven) {
            this.collections = collections;
            this.proven = proven;
        }

        /** The collections it took to clear the reference, or -1 when the referent stayed reachable. */
        public int collections() {
            return collections;
        }

        /** Whether it was cleared. */
        public boolean cleared() {
            return collections > 0;
        }

        /**
         * For a referent still reachable: whether that was proven before the budget was spent (nothing
         * could release it any more: see {@link Quiescence}), rather than seen at the budget's end.
         */
        public boolean proven() {
            return proven;
        }

        @Override
        public String toString() {
            return cleared() ? "cleared after " + collections + " collection(s)"
                    : proven ? "held (proven)" : "held (budget spent)";
        }
    }

    /**
     * Collects until {@code reference} is cleared, or until it is proven that nothing can release
     * its referent any more, or until the budget is spent.
     *
     * <p>The pauses between collections are there for releases by other threads (a pool's worker
     * that finishes its task, a Cleaner, a finalizer). When after a full collection the referent is
     * still held and {@link Quiescence} proves that no other thread can run code that would release
     * it, waiting longer cannot change the answer: the leak is reported at once. Whenever that proof
     * fails, for whatever reason, the pauses go on as before, so the verdict is the same either way.
     */
    public static Outcome awaitClearing(Reference<?> reference) {
        long started = System.nanoTime();
        long deadline = started + LEAK_BUDGET.toNanos();
        long longestCollection = 0;
        int collections = 0;
        Quiescence quiescence = new Quiescence();
        for (long pause : PAUSES_MS) {
            // Stop before a pause and a collection that would overrun the budget, judging the
            // collection by the longest one so far: on a loaded machine they slow down.
            if (collections > 0 && System.nanoTime() + pause * 1_000_000 + longestCollection > deadline) {
                break;
            }
            sleep(pause);
            long before = System.nanoTime();
            quiescence.beforeCollection();
            collect();
            longestCollection = Math.max(longestCollection, System.nanoTime() - before);
            collections++;
            if (reference.refersTo(null)) {
                return new Outcome(collections, false);
            }
            if (quiescence.afterCollectionNothingCanRelease()) {
                return new Outcome(-1, true);
            }
        }
        return new Outcome(-1, false);
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

    /**
     * Proves, after a full collection that left a referent reachable, that no thread but the caller
     * can run code that would release it: then more collections, however long the pauses, cannot
     * change the answer. Nothing here is judged by time: each step either shows a fact or gives up,
     * and giving up only means the pauses go on.
     *
     * <p>The facts, all required, after each of two consecutive full collections:
     * <ol>
     * <li>The collection processed weak references: a sentinel weak reference to garbage, made just
     * before it, was cleared.
     * <li>The JDK's reference processing has finished with what that collection found: the sentinel
     * reached its queue (so the Reference Handler took the list that holds every reference the
     * collection found), and then the Reference Handler was back waiting for the next list (it takes
     * a list whole and processes all of it before it waits again). Nothing is pending finalization.
     * <li>Every other live thread runs no code of the program under test: the JDK's own threads
     * (Reference Handler, Common-Cleaner, Signal Dispatcher, Attach Listener, Notification Thread),
     * an idle Finalizer (waiting on its queue), an idle process reaper (in its pool's queue, waiting
     * for no child process), and the test harness's threads (JUnit's time-out watcher, Surefire's,
     * the warm worker's). A single other thread (a pool's worker, a user
     * Cleaner's, a timer) and there is no proof.
     * <li>No other collection ran meanwhile.
     * </ol>
     * And between the two: the same threads, and the Finalizer, the Notification Thread and the
     * process reapers used not a nanosecond of CPU (a thread that ran a finalizer, a listener or an
     * exit callback would have). So the second
     * collection left nothing for finalizers, and the first one's work was all done before the second
     * collection still found the referent held: nothing can release it. Where the JVM does not
     * measure thread CPU time, there is no proof.
     */
    static final class Quiescence {

        /**
         * How long reference processing may take to show it is done before the proof is given up for
         * the rest of the wait: then the collections and pauses go on exactly as they would without it.
         */
        private static final long DRAIN_MILLIS = 100;

        /** Threads of the harness that runs the tests: they never run the code under test. */
        private static final Set<String> HARNESS = Set.of("junit-jupiter-timeout-watcher", WARM_WORKER_THREAD);

        /** The JDK's threads that never run the program's code. */
        /** The JDK's threads that wait for child processes to exit (see {@link #idleInItsPool}). */
        private static final String PROCESS_REAPER = "process reaper";

        private static final Set<String> JDK_INERT = Set.of("Reference Handler", "Common-Cleaner", "Signal Dispatcher",
                "Attach Listener", "Notification Thread");

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
        private WeakReference<Object> sentinel;
        private long collectionsBefore;
        /** At the last quiet point: thread id to CPU time (for the threads that may run program code when woken). */
        private Map<Long, Long> lastQuiet;
        /** Set once reference processing was too slow to show it was done: no more proof is tried. */
        private boolean givenUp;

        void beforeCollection() {
            collectionsBefore = collectionCount();
            sentinel = new WeakReference<>(new Object(), queue);
        }

        /** After a collection that left the referent reachable: whether nothing can release it any more. */
        boolean afterCollectionNothingCanRelease() {
            if (givenUp) {
                return false;
            }
            Map<Long, Long> now;
            try {
                now = quietPoint();
            } catch (RuntimeException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                now = null;
            }
            boolean proven = lastQuiet != null && now != null && now.equals(lastQuiet);
            lastQuiet = now;
            return proven;
        }

        /** The CPU times of the threads to watch, when every fact holds now; else null. */
        private Map<Long, Long> quietPoint() throws InterruptedException {
            long collectionsAfter = collectionCount();
            // First what costs no wait: another thread that may run the program's code ends it at once.
            if (collectionsAfter < 0 || !sentinel.refersTo(null) || threads() == null) {
                return null;
            }
            if (!drained()) {
                givenUp = true;
                return null;
            }
            if (ManagementFactory.getMemoryMXBean().getObjectPendingFinalizationCount() != 0) {
                return null;
            }
            Map<Long, Long> watched = threads();
            return watched != null && collectionCount() == collectionsAfter && collectionsAfter > collectionsBefore
                    ? watched : null;
        }

        /**
         * Every other live thread, by id, with the CPU time of those that may run the program's code
         * when woken (0 for the others); null when one is not known to be the JDK's or the harness's,
         * or the Finalizer is not idle.
         */
        private static Map<Long, Long> threads() {
            Map<Long, Long> watched = new HashMap<>();
            Thread current = Thread.currentThread();
            for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
                Thread thread = entry.getKey();
                if (thread == current || !thread.isAlive()) {
                    continue;
                }
                String name = thread.getName();
                boolean jdk = isJdkThread(thread);
                if (jdk && name.equals("Finalizer")) {
                    if (!waitingOnItsQueue(thread, entry.getValue())) {
                        return null;
                    }
                } else if (jdk && name.equals(PROCESS_REAPER)) {
                    if (!idleInItsPool(thread, entry.getValue())) {
                        return null;
                    }
                } else if (!(jdk && JDK_INERT.contains(name)) && !HARNESS.contains(name)
                        && !name.startsWith("surefire-forkedjvm-")) {
                    return null;
                }
                long cpu = 0;
                if (jdk && (name.equals("Finalizer") || name.equals("Notification Thread") || name.equals(PROCESS_REAPER))) {
                    cpu = THREADS.getThreadCpuTime(thread.getId());
                    if (cpu < 0) {
                        return null;
                    }
                }
                watched.put(thread.getId(), cpu);
            }
            return watched;
        }

        /** Whether the sentinel reached its queue and the Reference Handler then went back to waiting. */
        private boolean drained() throws InterruptedException {
            long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
            for (Reference<?> ref = queue.remove(DRAIN_MILLIS); ref != sentinel; ref = queue.remove(DRAIN_MILLIS)) {
                if (ref == null || System.nanoTime() - deadline > 0) {
                    return false;
                }
            }
            Thread handler = null;
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals("Reference Handler") && isJdkThread(thread)) {
                    handler = thread;
                }
            }
            if (handler == null) {
                return false;
            }
            while (true) {
                StackTraceElement[] stack = handler.getStackTrace();
                if (stack.length > 0 && stack[0].getClassName().equals("java.lang.ref.Reference")
                        && stack[0].getMethodName().equals("waitForReferencePendingList")) {
                    return true;
                }
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                Thread.sleep(1);
            }
        }

        /**
         * A process reaper with no process to wait for: parked in its pool's queue, not in the wait for a
         * child's exit, after which it would run the callbacks of {@code Process.onExit()}. A new task
         * would take a process started by another thread, and every other thread is inert.
         */
        private static boolean idleInItsPool(Thread thread, StackTraceElement[] stack) {
            Thread.State state = thread.getState();
            if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
                return false;
            }
            boolean inGetTask = false;
            for (StackTraceElement frame : stack) {
                if (frame.getMethodName().startsWith("waitForProcessExit")) {
                    return false;
                }
                if (frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")
                        && frame.getMethodName().equals("getTask")) {
                    inGetTask = true;
                }
            }
            return inGetTask;
        }

        /** The Finalizer, blocked in its queue's remove: not running a finalizer, nothing left to take. */
        private static boolean waitingOnItsQueue(Thread thread, StackTraceElement[] stack) {
            Thread.State state = thread.getState();
            if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
                return false;
            }
            boolean inRemove = false;
            for (StackTraceElement frame : stack) {
                if (frame.getMethodName().equals("runFinalizer") || frame.getMethodName().equals("invokeFinalize")) {
                    return false;
                }
                if (frame.getClassName().equals("java.lang.ref.ReferenceQueue") && frame.getMethodName().startsWith("remove")) {
                    inRemove = true;
                }
            }
            return inRemove;
        }

        /** A thread the JDK started for itself: in the system thread group, or one below it that is not main's. */
        private static boolean isJdkThread(Thread thread) {
            ThreadGroup group = thread.getThreadGroup();
            if (group == null) {
                return false;
            }
            for (ThreadGroup g = group; g != null; g = g.getParent()) {
                if (g.getName().equals("main")) {
                    return false;
                }
            }
            return true;
        }

        /** Collections so far, by every collector; -1 when a collector does not count them. */
        private static long collectionCount() {
            long total = 0;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                long count = collector.getCollectionCount();
                if (count < 0) {
                    return -1;
                }
                total += count;
            }
            return total;
        }
    }
}
