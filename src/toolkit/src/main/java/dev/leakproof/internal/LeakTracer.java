package dev.leakproof.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import shark.ApplicationLeak;
import shark.CloseableHeapGraph;
import shark.HeapAnalysis;
import shark.HeapAnalysisFailure;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HeapGraph;
import shark.HeapObject;
import shark.LeakTrace;
import shark.MetadataExtractor;
import shark.IgnoredReferenceMatcher;
import shark.ObjectReporter;
import shark.ReferenceMatcher;
import shark.ReferencePattern;
import shark.OnAnalysisProgressListener;

/**
 * Finds what holds a leaked object: dumps the heap, finds the object in it, and asks LeakCanary's
 * heap analyser (Shark) for the shortest strong path from a GC root. The dump is deleted after.
 */
public final class LeakTracer {

    /**
     * Weak and phantom references do not keep anything alive: never show a path through them. A
     * soft one does until the heap is nearly full: a path through it is shown when there is no
     * other (Shark's "library leak"), and {@link RetentionPath} calls it soft.
     */
    private static final List<ReferenceMatcher> WEAK_REFERENCES = Stream.concat(Stream.of(
                    "java.lang.ref.Reference", "java.lang.ref.WeakReference",
                    "java.lang.ref.PhantomReference", "java.lang.ref.FinalReference", "java.lang.ref.Finalizer",
                    "java.util.WeakHashMap$Entry", WatchedReference.class.getName())
            .map(type -> (ReferenceMatcher) new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern(type, "referent"))),
                    Stream.of(new shark.LibraryLeakReferenceMatcher(new ReferencePattern.InstanceFieldPattern(
                            "java.lang.ref.SoftReference", "referent"), "softly reachable", graph -> true)))
            .collect(Collectors.toList());

    /** The package of the running leak test: references declared there are the learner's code. */
    private static volatile String yourPackage = "";

    /** The JUnit configuration parameter that turns explanations off: {@code leakproof.explanations=off}. */
    public static final String EXPLANATIONS = "leakproof.explanations";

    /** What a failure says in place of its explanation when explanations are off. */
    public static final String NOT_EXPLAINED = "(Not explained: this run turned explanations off, "
            + EXPLANATIONS + "=off; run the test alone to see what holds it.)";

    private static volatile boolean explanationsOn = true;

    private LeakTracer() {
    }

    /** Set by the leak-test extension before each test; empty means "any non-library code". */
    public static void setYourPackage(String packageName) {
        yourPackage = packageName == null ? "" : packageName;
    }

    /**
     * Set by the leak-test extension before each test. A run that needs only verdicts (the four-way
     * check proving a near-miss wrong) turns explanations off: each costs a heap dump and its search.
     */
    public static void setExplaining(boolean on) {
        explanationsOn = on;
    }

    /** Whether failures explain themselves (heap dumps, paths, stacks); true unless a run turned it off. */
    public static boolean explaining() {
        return explanationsOn;
    }

    /** The explanation of a watched object, or a line saying why there is none; never throws. */
    public static String explainSafely(WatchedReference watched) {
        if (!explanationsOn) {
            return NOT_EXPLAINED;
        }
        try {
            return explain(watched, yourPackage);
        } catch (RuntimeException | OutOfMemoryError e) {
            return "(What holds it could not be worked out: " + e + ")";
        }
    }

    /** The explanation of what holds instances of a class, or why there is none; never throws. */
    public static String explainInstancesSafely(String className) {
        if (!explanationsOn) {
            return NOT_EXPLAINED;
        }
        try {
            return explainInstancesOf(className, 20, yourPackage);
        } catch (RuntimeException | OutOfMemoryError e) {
            return "(What holds them could not be worked out: " + e + ")";
        }
    }

    /**
     * Whether a class is worth tracing when none of the learner's grew: not the JDK's, not a test
     * library's or the toolkit's, and not a lambda's hidden class, which a heap dump cannot name.
     */
    public static boolean isTraceable(String className) {
        return !className.startsWith("[") && !RetentionPath.isJdk(className) && !RetentionPath.isLibrary(className)
                && !className.contains("$$Lambda");
    }

    /** Whether a class belongs to the learner's code rather than the JDK or a library. */
    public static boolean isYours(String className) {
        return RetentionPath.isYours(className, yourPackage);
    }

    /**
     * The watched reference being explained now, so that the dump names it in a static field of this
     * class: found at once, instead of by a scan of every instance in the dump.
     */
    private static volatile WatchedReference explaining;

    /** The path to the object a {@link WatchedReference} watches, or why it could not be found. */
    public static String explain(WatchedReference watched, String yourPackage) {
        explaining = watched;
        try {
            return analyse(graph -> {
                Set<Long> ids = new HashSet<>();
                HeapObject.HeapClass tracer = graph.findClassByName(LeakTracer.class.getName());
                var named = tracer == null ? null : tracer.readStaticField("explaining");
                if (named != null && named.getValueAsInstance() != null) {
                    addReferent(named.getValueAsInstance(), watched, ids);
                }
                if (ids.isEmpty()) {
                    // Another thread explains another object at the same time: look through them all.
                    HeapObject.HeapClass type = graph.findClassByName(WatchedReference.class.getName());
                    if (type != null) {
                        for (Iterator<HeapObject.HeapInstance> it = type.getInstances().iterator(); it.hasNext(); ) {
                            addReferent(it.next(), watched, ids);
                        }
                    }
                }
                return ids;
            }, yourPackage, true);
        } finally {
            explaining = null;
        }
    }

    /** Adds the referent's id when {@code instance} is the dump's copy of {@code watched}. */
    private static void addReferent(HeapObject.HeapInstance instance, WatchedReference watched, Set<Long> ids) {
        var key = instance.get(WatchedReference.class.getName(), "key");
        if (key != null && watched.key().equals(key.getValue().readAsJavaString())) {
            var referent = instance.get("java.lang.ref.Reference", "referent");
            if (referent != null && referent.getValue().isNonNullReference()) {
                ids.add(referent.getValue().getAsNonNullObjectId());
            }
        }
    }

    /**
     * The path shared by most of up to {@code sample} live instances of {@code className}: what
     * holds the growth of that class.
     */
    public static String explainInstancesOf(String className, int sample, String yourPackage) {
        return analyse(graph -> {
            HeapObject.HeapClass type = graph.findClassByName(className);
            if (type == null) {
                return Set.of();
            }
            List<Long> ids = new ArrayList<>();
            for (Iterator<HeapObject.HeapInstance> it = type.getDirectInstances().iterator(); it.hasNext(); ) {
                ids.add(it.next().getObjectId());
            }
            // The newest instances are the likeliest to be the growth, not long-lived fixtures.
            Collections.reverse(ids);
            return new HashSet<>(ids.subList(0, Math.min(sample, ids.size())));
        }, yourPackage);
    }

    /** Labels every thread on a path with its name, so a ThreadLocal leak names its thread. */
    private static void labelThreads(ObjectReporter reporter) {
        HeapObject object = reporter.getHeapObject();
        if (object instanceof HeapObject.HeapInstance
                && ((HeapObject.HeapInstance) object).instanceOf("java.lang.Thread")) {
            var name = ((HeapObject.HeapInstance) object).get("java.lang.Thread", "name");
            String text = name == null ? null : name.getValue().readAsJavaString();
            if (text != null) {
                reporter.getLabels().add(RetentionPath.THREAD_LABEL + "'" + text + "'");
            }
        }
    }

    private interface Finder {
        Set<Long> find(HeapGraph graph);
    }

    /**
     * The shortest path that avoids the field a fix of {@code first} would change (see
     * {@link RetentionPath#distinctReference}), or null: a second holder of the same object.
     */
    private static LeakTrace otherPath(HeapDump dump, HeapGraph graph, Set<Long> suspects, LeakTrace first,
            String yourPackage) {
        ReferencePattern avoided = RetentionPath.distinctReference(first, graph, yourPackage);
        if (avoided == null) {
            return null;
        }
        List<ReferenceMatcher> matchers = new ArrayList<>(WEAK_REFERENCES);
        matchers.add(new IgnoredReferenceMatcher(avoided));
        HeapAnalysis analysis = new HeapAnalyzer(OnAnalysisProgressListener.Companion.getNO_OP())
                .analyze(dump.file().toFile(), graph, g -> suspects, matchers, false,
                        List.of(LeakTracer::labelThreads), MetadataExtractor.Companion.getNO_OP());
        if (!(analysis instanceof HeapAnalysisSuccess)) {
            return null;
        }
        List<? extends shark.Leak> leaks = ((HeapAnalysisSuccess) analysis).getApplicationLeaks();
        if (leaks.isEmpty()) {
            leaks = ((HeapAnalysisSuccess) analysis).getLibraryLeaks();
        }
        return leaks.isEmpty() ? null : leaks.get(0).getLeakTraces().get(0);
    }

    private static String analyse(Finder finder, String yourPackage) {
        return analyse(finder, yourPackage, false);
    }

    private static String analyse(Finder finder, String yourPackage, boolean otherPaths) {
        long started = System.nanoTime();
        try (HeapDump dump = HeapDump.ofLiveObjects();
                CloseableHeapGraph graph = dump.openGraph(shark.HprofIndex.Companion.defaultIndexedGcRootTags())) {
            Set<Long> suspects = finder.find(graph);
            if (suspects.isEmpty()) {
                return "(The leaked object was not found in the heap dump: it may have been released just now.)";
            }
            HeapAnalysis analysis = new HeapAnalyzer(OnAnalysisProgressListener.Companion.getNO_OP())
                    .analyze(dump.file().toFile(), graph, g -> suspects, WEAK_REFERENCES, false,
                            List.of(LeakTracer::labelThreads), MetadataExtractor.Companion.getNO_OP());
            if (analysis instanceof HeapAnalysisFailure) {
                return "(The heap analysis failed: " + ((HeapAnalysisFailure) analysis).getException().getMessage() + ")";
            }
            List<? extends shark.Leak> leaks = ((HeapAnalysisSuccess) analysis).getApplicationLeaks();
            if (leaks.isEmpty()) {
                leaks = ((HeapAnalysisSuccess) analysis).getLibraryLeaks(); // held through a SoftReference only
            }
            if (leaks.isEmpty()) {
                return "(No strong path from a GC root was found: the object is only weakly reachable.)";
            }
            shark.Leak widest = Collections.max(leaks,
                    (a, b) -> Integer.compare(a.getLeakTraces().size(), b.getLeakTraces().size()));
            LeakTrace trace = widest.getLeakTraces().get(0);
            LeakTrace other = otherPaths ? otherPath(dump, graph, suspects, trace, yourPackage) : null;
            long millis = (System.nanoTime() - started) / 1_000_000;
            return RetentionPath.render(trace, other, graph, yourPackage, widest.getLeakTraces().size(), millis,
                    dump.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse the heap dump", e);
        }
    }
}
