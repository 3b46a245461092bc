package dev.leakproof.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Live instances per class, from the JVM's class histogram (what {@code jcmd <pid> GC.class_histogram}
 * prints): exact counts, the same under every collector.
 */
public final class Histogram {

    /** A class's row: {@code "   1:         12345         678901  com.example.Event (module@version)"}. */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(\\S+)", Pattern.MULTILINE);

    /**
     * Whether the histogram's own full collection happens. Serial, Parallel and G1 run it (even under
     * {@code -XX:+DisableExplicitGC}); ZGC and Shenandoah ignore it, and so may a collector not
     * known here: then one is forced first. One full collection a reading instead of two matters for
     * a growth assertion, which reads the histogram a dozen times.
     */
    private static final boolean COLLECTS_ITSELF = collectsItself();

    private Histogram() {
    }

    /** Class name (as {@link Class#getName()} spells it) to live instances, after a full collection. */
    public static Map<String, Long> liveInstances() {
        if (!COLLECTS_ITSELF) {
            Gc.collect();
        }
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {null},
                    new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("cannot read the class histogram through GC.class_histogram", e);
        }
        Map<String, Long> counts = new HashMap<>();
        Matcher row = ROW.matcher(text);
        while (row.find()) {
            counts.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
        }
        return counts;
    }

    /** Live instances of exactly {@code type} (not its subclasses). */
    public static long liveInstances(Class<?> type) {
        return liveInstances().getOrDefault(type.getName(), 0L);
    }

    private static boolean collectsItself() {
        Set<String> stopTheWorld = Set.of("Copy", "MarkSweepCompact", "PS Scavenge", "PS MarkSweep",
                "G1 Young Generation", "G1 Old Generation", "G1 Concurrent GC");
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!stopTheWorld.contains(collector.getName())) {
                return false;
            }
        }
        return true;
    }
}
