package dev.leakproof.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import shark.HeapGraph;
import shark.HeapObject;

/**
 * The explanation of a growth of what a component reaches: which of its fields and which classes
 * grew, and the path from the component to a sample of the grown objects, in the style of
 * {@link RetentionPath} ({@code ▶} on references declared in the learner's code).
 */
final class ReachableGrowth {

    private static final int SHOWN = 5;

    private ReachableGrowth() {
    }

    static String render(Object component, Reachable.Snapshot before, Reachable.Snapshot after) {
        List<Map.Entry<String, Long>> fields = grownFields(before, after);
        List<Map.Entry<String, long[]>> classes = grownClasses(before, after);
        if (classes.isEmpty()) {
            return "";
        }
        String nl = System.lineSeparator();
        String owner = RetentionPath.simpleName(after.componentClass());
        StringBuilder text = new StringBuilder(nl).append("What grew inside the ").append(owner)
                .append(" (objects reachable from it, before → after the work):");
        if (!fields.isEmpty()) {
            text.append(nl).append("  through its fields");
            for (Map.Entry<String, Long> field : fields.subList(0, Math.min(SHOWN, fields.size()))) {
                text.append(nl).append(String.format(Locale.ROOT, "  %12s  %s %s", signed(field.getValue()),
                        LeakTracer.isYours(after.componentClass()) ? RetentionPath.MARK : " ", field.getKey()));
            }
        }
        text.append(nl).append("  by class (bytes, objects)");
        for (Map.Entry<String, long[]> type : classes.subList(0, Math.min(SHOWN, classes.size()))) {
            text.append(nl).append(String.format(Locale.ROOT, "  %12s  %9s  %s", signed(type.getValue()[1]),
                    signedCount(type.getValue()[0]), type.getKey()));
        }
        String sampleClass = classes.get(0).getKey();
        String sampleField = fields.isEmpty() ? null : fields.get(0).getKey();
        text.append(nl).append(samplePath(component, sampleClass, sampleField));
        return text.toString();
    }

    /** The component's fields through which more bytes were reached after the work, most first. */
    private static List<Map.Entry<String, Long>> grownFields(Reachable.Snapshot before, Reachable.Snapshot after) {
        List<Map.Entry<String, Long>> grown = new ArrayList<>();
        after.byField().forEach((field, bytes) -> {
            long increase = bytes - before.byField().getOrDefault(field, 0L);
            if (increase > 0) {
                grown.add(Map.entry(field, increase));
            }
        });
        grown.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return grown;
    }

    /** Classes whose reachable bytes (or, equal bytes, objects) grew, most bytes first. */
    static List<Map.Entry<String, long[]>> grownClasses(Reachable.Snapshot before, Reachable.Snapshot after) {
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        after.byClass().forEach((type, figures) -> {
            long[] was = before.byClass().getOrDefault(type, new long[2]);
            long count = figures[0] - was[0];
            long bytes = figures[1] - was[1];
            if (bytes > 0 || count > 0) {
                grown.add(Map.entry(type, new long[] {count, bytes}));
            }
        });
        grown.sort(Collections.reverseOrder((a, b) -> a.getValue()[1] != b.getValue()[1]
                ? Long.compare(a.getValue()[1], b.getValue()[1])
                : a.getValue()[0] != b.getValue()[0] ? Long.compare(a.getValue()[0], b.getValue()[0])
                : b.getKey().compareTo(a.getKey())));
        return grown;
    }

    private static String signed(long bytes) {
        return (bytes >= 0 ? "+" : "") + Describe.bytes(bytes);
    }

    private static String signedCount(long count) {
        return (count >= 0 ? "+" : "") + Describe.count(count);
    }

    /** From a fresh dump: the path from the component to the first grown object of {@code sampleClass}. */
    private static String samplePath(Object component, String sampleClass, String sampleField) {
        long started = System.nanoTime();
        return Reachable.read(component, (graph, componentId) -> {
            Reachable.Walk walk = new Reachable.Walk(graph, true);
            walk.sampleClass = sampleClass;
            walk.sampleField = sampleField == null ? -1 : walk.fieldOf(sampleField);
            walk.run(componentId);
            long sample = walk.sample != 0 ? walk.sample : walk.sampleElsewhere;
            if (sample == 0) {
                return "(No " + sampleClass + " was found inside it in a fresh heap dump.)";
            }
            List<Long> chain = new ArrayList<>();
            for (Long id = sample; id != null; id = walk.parents.get(id)) {
                chain.add(id);
            }
            Collections.reverse(chain);
            return render(walk, graph, chain, sampleClass, started);
        });
    }

    private static String render(Reachable.Walk walk, HeapGraph graph, List<Long> chain, String sampleClass,
            long started) {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder("A sample of the grown ").append(RetentionPath.simpleName(sampleClass))
                .append(", from the component (").append(RetentionPath.MARK).append(" marks your code):");
        HeapObject first = graph.findObjectById(chain.get(0));
        text.append(nl).append("      ").append(RetentionPath.simpleName(className(first))).append(" (the component)");
        for (int i = 0; i + 1 < chain.size(); i++) {
            HeapObject from = graph.findObjectById(chain.get(i));
            long to = chain.get(i + 1);
            // A map entry reached through its table (and next entries) is shown by its key, as a path shows it.
            int entry = mapEntryAhead(walk, graph, chain, i);
            if (entry > i) {
                text.append(nl).append("      ").append(RetentionPath.simpleName(className(from))).append('[')
                        .append(keyOf(graph.findObjectById(chain.get(entry)))).append(']');
                i = entry - 1;
                continue;
            }
            String step = step(walk, from, to);
            text.append(nl).append("    ").append(isYours(from) ? RetentionPath.MARK : " ").append(' ').append(step);
        }
        HeapObject last = graph.findObjectById(chain.get(chain.size() - 1));
        text.append(nl).append("      = ").append(RetentionPath.simpleName(className(last)))
                .append(" (a sample of the growth)");
        text.append(nl).append(String.format(Locale.ROOT, "      (found in %.1f s in a fresh heap dump, deleted since)",
                (System.nanoTime() - started) / 1e9));
        return text.toString();
    }

    /**
     * When the object at {@code i} is a map whose next steps are its table, a slot, and entries
     * ({@code next} ones included): the index in the chain of the entry the path goes on from.
     * Otherwise {@code i}.
     */
    private static int mapEntryAhead(Reachable.Walk walk, HeapGraph graph, List<Long> chain, int i) {
        HeapObject map = graph.findObjectById(chain.get(i));
        if (!(map instanceof HeapObject.HeapInstance) || i + 2 >= chain.size()
                || !step(walk, map, chain.get(i + 1)).endsWith(".table")) {
            return i;
        }
        int entry = i + 2;
        if (!isEntry(graph.findObjectById(chain.get(entry)))) {
            return i;
        }
        while (entry + 1 < chain.size() && isEntry(graph.findObjectById(chain.get(entry + 1)))
                && step(walk, graph.findObjectById(chain.get(entry)), chain.get(entry + 1)).endsWith(".next")) {
            entry++;
        }
        return entry;
    }

    private static boolean isEntry(HeapObject object) {
        return object instanceof HeapObject.HeapInstance && keyField((HeapObject.HeapInstance) object) != null;
    }

    private static shark.HeapField keyField(HeapObject.HeapInstance entry) {
        for (var it = entry.readFields().iterator(); it.hasNext(); ) {
            shark.HeapField field = it.next();
            if (field.getName().equals("key") && field.getDeclaringClass().getName().matches(".*\\$(Node|Entry)")) {
                return field;
            }
        }
        return null;
    }

    private static String keyOf(HeapObject entry) {
        shark.HeapField key = keyField((HeapObject.HeapInstance) entry);
        HeapObject object = key == null ? null : key.getValue().getAsObject();
        return object == null ? "null" : DumpedObject.describe(object);
    }

    /** The reference from {@code from} to {@code to}: a field by its owner's class and name, or an array slot. */
    private static String step(Reachable.Walk walk, HeapObject from, long to) {
        if (from instanceof HeapObject.HeapObjectArray) {
            HeapObject.HeapObjectArray array = (HeapObject.HeapObjectArray) from;
            long[] elements = array.readRecord().getElementIds();
            String name = array.getArrayClassName();
            for (int i = 0; i < elements.length; i++) {
                if (elements[i] == to) {
                    return RetentionPath.simpleName(name.substring(0, name.length() - 2)) + "[][" + i + "]";
                }
            }
            return RetentionPath.simpleName(name) + "[?]";
        }
        HeapObject.HeapInstance instance = (HeapObject.HeapInstance) from;
        Reachable.Layout layout = walk.layout(instance.getInstanceClass());
        byte[] values = instance.readRecord().getFieldValues();
        for (int i = 0; i < layout.referenceOffsets.length; i++) {
            if (walk.readId(values, layout.referenceOffsets[i]) == to) {
                return layout.referenceNames[i];
            }
        }
        return RetentionPath.simpleName(layout.name) + ".?";
    }

    private static boolean isYours(HeapObject object) {
        return object instanceof HeapObject.HeapInstance
                && LeakTracer.isYours(((HeapObject.HeapInstance) object).getInstanceClassName());
    }

    private static String className(HeapObject object) {
        if (object instanceof HeapObject.HeapInstance) {
            return ((HeapObject.HeapInstance) object).getInstanceClassName();
        }
        if (object instanceof HeapObject.HeapObjectArray) {
            return ((HeapObject.HeapObjectArray) object).getArrayClassName();
        }
        if (object instanceof HeapObject.HeapPrimitiveArray) {
            return ((HeapObject.HeapPrimitiveArray) object).getArrayClassName();
        }
        return "Class";
    }
}
