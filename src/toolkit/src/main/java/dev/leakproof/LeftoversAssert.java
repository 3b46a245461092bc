package dev.leakproof;

import dev.leakproof.internal.Describe;
import dev.leakproof.internal.Gc;
import dev.leakproof.internal.OpenFiles;
import dev.leakproof.internal.Threads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Assertions that a piece of code leaves nothing running or open behind it.
 *
 * <pre>{@code
 * assertThatRunning(() -> report.countLines(file)).leavesNoOpenFiles();
 * assertThatRunning(() -> fetcher.fetchAll(urls)).leavesNoThreads();
 * }</pre>
 *
 * <p>The code runs once, on the first assertion, with snapshots taken just before. An exception
 * it throws is kept, not rethrown: code that fails must clean up as well as code that succeeds.
 */
public final class LeftoversAssert extends AbstractAssert<LeftoversAssert, ThrowingCallable> {

    /** How long threads get to finish after the code returns: pools end their workers lazily. */
    private static final long THREAD_GRACE_MS = 2_000;

    private boolean ran;
    private Set<Thread> threadsBefore;
    private long filesBefore;
    private long filesAfter;
    private Map<String, String> fileTargetsBefore;
    private Map<String, String> fileTargetsAfter;
    private Throwable thrown;

    LeftoversAssert(ThrowingCallable code) {
        super(code, LeftoversAssert.class);
    }

    /** The exception the code threw, or {@code null}: for tests that expect a failure. */
    public Throwable thrown() {
        runOnce();
        return thrown;
    }

    /**
     * Verifies that every thread the code started has ended, allowing two seconds for pools to
     * wind down. Threads the JDK starts on first use are not counted.
     */
    public LeftoversAssert leavesNoThreads() {
        runOnce();
        long deadline = System.currentTimeMillis() + THREAD_GRACE_MS;
        List<Thread> left = Threads.startedSince(threadsBefore);
        while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
            pause(20);
            left = Threads.startedSince(threadsBefore);
        }
        if (!left.isEmpty()) {
            String threads = left.stream()
                    .map(t -> "  - " + Threads.describe(t, 4))
                    .collect(Collectors.joining(System.lineSeparator()));
            throw Failures.leak(info, String.format(
                    "Expected the code to leave no threads running, but %d thread%s it started %s still alive "
                            + "after %d ms:%n%s%s",
                    left.size(), left.size() == 1 ? "" : "s", left.size() == 1 ? "is" : "are",
                    THREAD_GRACE_MS, threads, thrownNote()));
        }
        return this;
    }

    /**
     * Verifies that the code closed every file, socket and pipe it opened. Where the OS names the
     * descriptors (Linux), any descriptor that is new after the code fails it, so a leaked stream
     * cannot hide behind an older one that a Cleaner closed meanwhile; elsewhere, the count.
     */
    public LeftoversAssert leavesNoOpenFiles() {
        runOnce();
        Map<String, Integer> opened = new TreeMap<>();
        fileTargetsAfter.forEach((fd, target) -> {
            if (!target.equals(fileTargetsBefore.get(fd)) && !openedByClassLoading(target)) {
                opened.merge(target, 1, Integer::sum);
            }
        });
        long leaked = fileTargetsAfter.isEmpty() ? filesAfter - filesBefore
                : opened.values().stream().mapToLong(Integer::longValue).sum();
        if (leaked > 0) {
            String files = opened.entrySet().stream()
                    .map(e -> "  - " + e.getKey() + (e.getValue() > 1 ? " (" + Describe.count(e.getValue()) + " times)" : ""))
                    .collect(Collectors.joining(System.lineSeparator()));
            throw Failures.leak(info, String.format(
                    "Expected the code to close every file it opened, but %s descriptor%s %s still open "
                            + "(%s before, %s after).%s%s",
                    Describe.count(leaked), leaked == 1 ? "" : "s", leaked == 1 ? "is" : "are",
                    Describe.count(filesBefore), Describe.count(filesAfter),
                    files.isEmpty() ? "" : System.lineSeparator() + files,
                    thrownNote()));
        }
        return this;
    }

    /**
     * Not the code's leak: the jars of the class path and the JDK's own files, which stay open once a
     * class was loaded from them; and the control files the JVM itself reads now and then to learn its
     * container's limits (its GC sizing the heap), which a busy machine can catch open at the moment of
     * a reading. Any other jar the code opened (a plugin, an archive it reads) is the code's to close.
     */
    private static boolean openedByClassLoading(String target) {
        return target.startsWith(System.getProperty("java.home")) || classPathJars().contains(target)
                || target.startsWith("/sys/fs/cgroup/") || target.startsWith("/proc/");
    }

    /** The jars of the class path, as the file system names them (links resolved), as an open file shows them. */
    private static Set<String> classPathJars() {
        Set<String> jars = new HashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            Path jar = Path.of(entry).toAbsolutePath().normalize();
            jars.add(jar.toString());
            try {
                jars.add(jar.toRealPath().toString());
            } catch (java.io.IOException e) {
                // not there (any more): only its name can match
            }
        }
        return jars;
    }

    /**
     * Verifies that {@code measure} reads no higher after the code than before it: active
     * connections of a pool, entries of a registry, buffers in use. Call it before any other
     * assertion of this chain, so the reading before the code can be taken.
     */
    public LeftoversAssert leavesNoIncreaseIn(Measure measure) {
        if (ran) {
            throw new IllegalStateException("call leavesNoIncreaseIn(...) first: the code has run already, "
                    + "so there is no reading from before it");
        }
        long before = measure.read();
        runOnce();
        long after = measure.read();
        if (after > before) {
            throw Failures.leak(info, String.format(
                    "Expected %s to be back to %s after the code, but %s read %s: the code left %s behind.%s",
                    measure.name(), measure.unit().format(before), measure.name(), measure.unit().format(after),
                    measure.unit().format(after - before), thrownNote()));
        }
        return this;
    }

    private void runOnce() {
        isNotNull();
        if (ran) {
            return;
        }
        ran = true;
        // The garbage of earlier work collected first: a collection during the code would let the JDK's
        // cleaners close a stream the code abandoned before the reading after it could see it open.
        Gc.collect();
        threadsBefore = Threads.live();
        fileTargetsBefore = OpenFiles.targets();
        filesBefore = OpenFiles.count();
        try {
            actual.call();
        } catch (Throwable t) {
            thrown = t;
        }
        // Right after the code, before anything can trigger a collection that closes leaked streams.
        filesAfter = OpenFiles.count();
        fileTargetsAfter = OpenFiles.targets();
    }

    private String thrownNote() {
        return thrown == null ? "" : String.format("%n(The code threw %s.)", thrown);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
