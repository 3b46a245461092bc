package dev.leakproof.internal;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Live instances per class, from the JVM's class histogram (what {@code jcmd <pid> GC.class_histogram}
 * prints): exact counts, the same under every collector.
 */
public final class Histogram {

    private Histogram() {
    }

    /** Class name (as {@link Class#getName()} spells it) to live instances, after a full collection. */
    public static Map<String, Long> liveInstances() {
        // Collect first ourselves: some collectors (ZGC) ignore the histogram's own collection request.
        Gc.collect();
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
        for (String line : text.split("\\R")) {
            // "   1:         12345         678901  com.example.Event (module@version)"
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 4 || !fields[0].endsWith(":")) {
                continue;
            }
            try {
                counts.merge(fields[3], Long.parseLong(fields[1]), Long::sum);
            } catch (NumberFormatException e) {
                // the header or the total line
            }
        }
        return counts;
    }

    /** Live instances of exactly {@code type} (not its subclasses). */
    public static long liveInstances(Class<?> type) {
        return liveInstances().getOrDefault(type.getName(), 0L);
    }
}
