package dev.leakproof.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import shark.CloseableHeapGraph;
import shark.HeapGraph;
import shark.HeapObject;
import shark.HprofRecord.HeapDumpRecord.ObjectRecord.ClassDumpRecord.FieldRecord;

/**
 * What a component holds: the objects reachable from it through strong references (instance
 * fields, object-array elements), read from the live objects or from a dump of the live heap (the
 * paths of an explanation always come from a dump). Class objects are not followed
 * (static fields are not the component's), nor class loaders, threads and thread groups (a thread
 * is a GC root of its own, and its group leads to every other thread), nor a {@code Cleaner}'s
 * registrations (linked in one list of the whole JVM), nor the fields of
 * {@link java.lang.ref.Reference} itself (a weak, soft or phantom referent is not held strongly; its
 * queue and the JVM's pending list are not the component's).
 *
 * <p>Sizes are those of a 64-bit JVM with compressed references, the default below 32 GB of heap
 * (12-byte object headers, 16-byte array headers, 4-byte references, 8-byte alignment), whatever the
 * running JVM uses: a bound then means the same under every collector.
 */
public final class Reachable {

    static final int HEADER = 12;
    static final int ARRAY_HEADER = 16;
    static final int REFERENCE = 4;
    private static final int ALIGNMENT = 8;

    /** HPROF's basic type of a reference field. */
    private static final int OBJECT_TYPE = 2;

    private Reachable() {
    }

    /** One reading: the bytes reachable from the component, by class and by the component's own field. */
    public static final class Snapshot {
        private final long bytes;
        private final Map<String, long[]> byClass;
        private final Map<String, Long> byField;
        private final String componentClass;

        Snapshot(long bytes, Map<String, long[]> byClass, Map<String, Long> byField, String componentClass) {
            this.bytes = bytes;
            this.byClass = byClass;
            this.byField = byField;
            this.componentClass = componentClass;
        }

        /** The total shallow size of the objects reachable from the component, the component included. */
        public long bytes() {
            return bytes;
        }

        /** Class name to {count, bytes} of the reachable objects of that class. */
        Map<String, long[]> byClass() {
            return byClass;
        }

        /** The class of the component, as the dump names it. */
        String componentClass() {
            return componentClass;
        }

        /** "Owner.field" of the component to the bytes first reached through it. */
        Map<String, Long> byField() {
            return byField;
        }

        @Override
        public String toString() {
            return bytes + " bytes reachable from a " + componentClass;
        }
    }

    /** A weak reference with a unique key, to find exactly the component among the dump's objects. */
    static final class Anchor extends WeakReference<Object> {
        private static final AtomicLong KEYS = new AtomicLong();

        private final long key = KEYS.incrementAndGet();

        Anchor(Object referent) {
            super(referent);
        }
    }

    /**
     * Measures what {@code component} reaches: on the live objects ({@link LiveWalk}) when it can
     * read them all exactly, else from a heap dump. Both give the same figures.
     */
    public static Snapshot of(Object component) {
        Snapshot live = LiveWalk.of(component);
        return live != null ? live : fromDump(component);
    }

    /** The reading from a heap dump, which reads every object whatever its class. */
    static Snapshot fromDump(Object component) {
        return read(component, (graph, id) -> new Walk(graph, false).run(id));
    }

    /**
     * What grew between two readings inside the component: its fields and the classes that grew
     * most, and the path from the component to a sample of the grown objects (from a fresh dump,
     * so that a reading need not keep every object's parent). Never throws.
     */
    public static String explainGrowth(Object component, Snapshot before, Snapshot after) {
        if (!LeakTracer.explaining()) {
            return System.lineSeparator() + LeakTracer.NOT_EXPLAINED;
        }
        try {
            return ReachableGrowth.render(component, before, after);
        } catch (RuntimeException | OutOfMemoryError e) {
            return System.lineSeparator() + "(What grew inside it could not be worked out: " + e + ")";
        }
    }

    /** Work on a dump in which the component was found, by its id. */
    interface Reading<T> {
        T in(HeapGraph graph, long componentId);
    }

    /**
     * The anchor of the reading under way, so that the dump names it in a static field of this class:
     * found at once, instead of by a scan of every instance in the dump.
     */
    private static volatile Anchor current;

    /** Dumps the live heap, finds exactly {@code component} in it, and runs {@code reading}. */
    static <T> T read(Object component, Reading<T> reading) {
        Anchor anchor = new Anchor(component);
        current = anchor;
        try (HeapDump dump = HeapDump.ofLiveObjects();
                CloseableHeapGraph graph = dump.openGraph(Set.of())) {
            return reading.in(graph, find(graph, anchor, component));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the heap dump", e);
        } finally {
            current = null;
            Reference.reachabilityFence(anchor);
            Reference.reachabilityFence(component);
        }
    }

    /** The component's id in the dump: the referent of the anchor with this reading's key. */
    private static long find(HeapGraph graph, Anchor anchor, Object component) {
        HeapObject.HeapClass self = graph.findClassByName(Reachable.class.getName());
        var named = self == null ? null : self.readStaticField("current");
        long id = named == null || named.getValueAsInstance() == null ? 0 : referentOf(named.getValueAsInstance(), anchor);
        HeapObject.HeapClass type = graph.findClassByName(Anchor.class.getName());
        if (id == 0 && type != null) {
            // Another thread reads another component at the same time: look through every anchor.
            for (Iterator<HeapObject.HeapInstance> it = type.getDirectInstances().iterator(); it.hasNext() && id == 0; ) {
                id = referentOf(it.next(), anchor);
            }
        }
        if (id != 0) {
            return id;
        }
        throw new IllegalStateException("the component (" + component.getClass().getName()
                + ") was not found in the heap dump");
    }

    /** The id of the referent when {@code instance} is the dump's copy of {@code anchor}, else 0. */
    private static long referentOf(HeapObject.HeapInstance instance, Anchor anchor) {
        var key = instance.get(Anchor.class.getName(), "key");
        if (key == null || key.getValue().getAsLong() == null || key.getValue().getAsLong() != anchor.key) {
            return 0;
        }
        var referent = instance.get("java.lang.ref.Reference", "referent");
        return referent != null && referent.getValue().isNonNullReference()
                ? referent.getValue().getAsNonNullObjectId() : 0;
    }

    /** How the dump lays out an instance of a class, and its size in the model above. */
    static final class Layout {
        final String name;
        final long size;
        /** Neither counted nor followed: a class loader, a thread, a thread group, a Cleaner's bookkeeping. */
        final boolean excluded;
        final int[] referenceOffsets;
        final String[] referenceNames;

        Layout(String name, long size, boolean excluded, int[] referenceOffsets, String[] referenceNames) {
            this.name = name;
            this.size = size;
            this.excluded = excluded;
            this.referenceOffsets = referenceOffsets;
            this.referenceNames = referenceNames;
        }
    }

    /**
     * A breadth-first walk from the component, each object counted once. Each object is charged to
     * the component's field it was first reached through. With {@code parents}, it keeps each
     * object's parent, for a path.
     */
    static final class Walk {
        final HeapGraph graph;
        final int idSize;
        final Map<Long, Layout> layouts = new HashMap<>();
        final LongSet seen = new LongSet();
        final Map<Long, long[]> byClassId = new HashMap<>();
        final Map<Long, String> classNames = new HashMap<>();
        final List<String> fields = new ArrayList<>();
        final Map<String, Integer> fieldIndex = new HashMap<>();
        long[] bytesByField = new long[8];
        final Map<Long, Long> parents;
        /** Set to pick a sample: the first object of this class charged to this field, else anywhere. */
        String sampleClass;
        int sampleField = -1;
        long sample;
        long sampleElsewhere;
        String componentClass;
        long total;

        Walk(HeapGraph graph, boolean parents) {
            this.graph = graph;
            this.idSize = graph.getIdentifierByteSize();
            this.parents = parents ? new HashMap<>() : null;
        }

        Snapshot run(long componentId) {
            long[] queue = new long[1024];
            int[] origins = new int[1024];
            int head = 0;
            int tail = 0;
            queue[tail] = componentId;
            origins[tail++] = -1;
            seen.add(componentId);
            while (head < tail) {
                long id = queue[head];
                int origin = origins[head++];
                HeapObject object = graph.findObjectByIdOrNull(id);
                long[] refs;
                String[] names = null;
                if (object instanceof HeapObject.HeapInstance) {
                    HeapObject.HeapInstance instance = (HeapObject.HeapInstance) object;
                    Layout layout = layout(instance.getInstanceClass());
                    if (layout.excluded) {
                        continue;
                    }
                    count(instance.getInstanceClassId(), layout.name, layout.size, origin, id);
                    byte[] values = instance.readRecord().getFieldValues();
                    refs = new long[layout.referenceOffsets.length];
                    for (int i = 0; i < refs.length; i++) {
                        refs[i] = readId(values, layout.referenceOffsets[i]);
                    }
                    names = layout.referenceNames;
                    if (origin == -1) {
                        componentClass = layout.name;
                    }
                } else if (object instanceof HeapObject.HeapObjectArray) {
                    HeapObject.HeapObjectArray array = (HeapObject.HeapObjectArray) object;
                    refs = array.readRecord().getElementIds();
                    count(array.getArrayClassId(), array.getArrayClassName(),
                            align(ARRAY_HEADER + (long) REFERENCE * refs.length), origin, id);
                    if (origin == -1) {
                        componentClass = array.getArrayClassName();
                    }
                } else if (object instanceof HeapObject.HeapPrimitiveArray) {
                    HeapObject.HeapPrimitiveArray array = (HeapObject.HeapPrimitiveArray) object;
                    // Keyed by element type: looking up a primitive array's class by name costs a scan of all classes.
                    count(-1 - array.getPrimitiveType().ordinal(), array.getArrayClassName(),
                            align(ARRAY_HEADER + (long) array.readByteSize()), origin, id);
                    if (origin == -1) {
                        componentClass = array.getArrayClassName();
                    }
                    continue;
                } else {
                    continue; // a class, or nothing: statics are not the component's
                }
                for (int i = 0; i < refs.length; i++) {
                    long ref = refs[i];
                    if (ref == 0 || !seen.add(ref)) {
                        continue;
                    }
                    if (tail == queue.length) {
                        queue = Arrays.copyOf(queue, tail * 2);
                        origins = Arrays.copyOf(origins, tail * 2);
                    }
                    queue[tail] = ref;
                    origins[tail++] = origin != -1 ? origin : fieldOf(names == null ? "[]" : names[i]);
                    if (parents != null) {
                        parents.put(ref, id);
                    }
                }
            }
            Map<String, long[]> byClass = new HashMap<>();
            byClassId.forEach((classId, figures) -> byClass.merge(classNames.get(classId), figures,
                    (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
            Map<String, Long> byField = new HashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                byField.put(fields.get(i), bytesByField[i]);
            }
            return new Snapshot(total, byClass, byField, componentClass);
        }

        int fieldOf(String name) {
            Integer index = fieldIndex.get(name);
            if (index == null) {
                index = fields.size();
                fields.add(name);
                fieldIndex.put(name, index);
                if (index == bytesByField.length) {
                    bytesByField = Arrays.copyOf(bytesByField, index * 2);
                }
            }
            return index;
        }

        private void count(long classId, String name, long size, int origin, long id) {
            long[] figures = byClassId.get(classId);
            if (figures == null) {
                figures = new long[2];
                byClassId.put(classId, figures);
                classNames.put(classId, name);
            }
            figures[0]++;
            figures[1] += size;
            total += size;
            if (origin >= 0) {
                bytesByField[origin] += size;
            }
            if (name.equals(sampleClass)) {
                if (sample == 0 && origin == sampleField) {
                    sample = id;
                } else if (sampleElsewhere == 0) {
                    sampleElsewhere = id;
                }
            }
        }

        Layout layout(HeapObject.HeapClass type) {
            Layout layout = layouts.get(type.getObjectId());
            if (layout == null) {
                layout = layoutOf(type);
                layouts.put(type.getObjectId(), layout);
            }
            return layout;
        }

        /** HPROF lists an instance's field values class by class, the instance's own class first. */
        private Layout layoutOf(HeapObject.HeapClass type) {
            long size = HEADER;
            int offset = 0;
            boolean excluded = false;
            List<Integer> offsets = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Iterator<HeapObject.HeapClass> it = type.getClassHierarchy().iterator(); it.hasNext(); ) {
                HeapObject.HeapClass declaring = it.next();
                // A thread is a GC root of its own, and through its group leads to every other thread.
                // A Cleaner's registrations are linked in one list of the whole JVM (JDK 21's executors
                // register themselves with the common Cleaner): bookkeeping, not the component's.
                excluded |= declaring.getName().equals("java.lang.ClassLoader")
                        || declaring.getName().equals("java.lang.Thread") || declaring.getName().equals("java.lang.ThreadGroup")
                        || declaring.getName().equals("jdk.internal.ref.PhantomCleanable")
                        || declaring.getName().startsWith("jdk.internal.ref.CleanerImpl");
                for (FieldRecord field : declaring.readRecordFields()) {
                    String name = declaring.instanceFieldName(field);
                    if (field.getType() == OBJECT_TYPE) {
                        size += REFERENCE;
                        // A Reference's own fields are not followed: its referent is not held strongly, and
                        // its queue, next and discovered link it into the JVM's and a queue's bookkeeping,
                        // which is not the component's (a subclass's fields, e.g. a WeakHashMap entry's value, are).
                        if (!declaring.getName().equals("java.lang.ref.Reference")) {
                            offsets.add(offset);
                            names.add(RetentionPath.simpleName(type.getName()) + "." + name);
                        }
                        offset += idSize;
                    } else {
                        int bytes = primitiveSize(field.getType());
                        size += bytes;
                        offset += bytes;
                    }
                }
            }
            return new Layout(type.getName(), align(size), excluded,
                    offsets.stream().mapToInt(Integer::intValue).toArray(), names.toArray(new String[0]));
        }

        long readId(byte[] values, int offset) {
            long id = 0;
            for (int i = 0; i < idSize; i++) {
                id = (id << 8) | (values[offset + i] & 0xFF);
            }
            return id;
        }
    }

    /** HPROF basic types: boolean 4, char 5, float 6, double 7, byte 8, short 9, int 10, long 11. */
    private static int primitiveSize(int type) {
        switch (type) {
            case 4:
            case 8:
                return 1;
            case 5:
            case 9:
                return 2;
            case 6:
            case 10:
                return 4;
            case 7:
            case 11:
                return 8;
            default:
                throw new IllegalArgumentException("unknown HPROF field type " + type);
        }
    }

    static long align(long size) {
        return (size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** A set of object ids without boxing: a walk may meet millions. */
    static final class LongSet {
        private long[] table = new long[1 << 12];
        private int size;
        private boolean hasZero;

        /** Adds {@code value}; false if it was there already. */
        boolean add(long value) {
            if (value == 0) {
                boolean added = !hasZero;
                hasZero = true;
                return added;
            }
            if (size * 2 >= table.length) {
                grow();
            }
            int mask = table.length - 1;
            for (int i = mix(value) & mask; ; i = (i + 1) & mask) {
                if (table[i] == value) {
                    return false;
                }
                if (table[i] == 0) {
                    table[i] = value;
                    size++;
                    return true;
                }
            }
        }

        private void grow() {
            long[] old = table;
            table = new long[old.length * 2];
            size = 0;
            for (long value : old) {
                if (value != 0) {
                    add(value);
                }
            }
        }

        private static int mix(long value) {
            long h = value * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
