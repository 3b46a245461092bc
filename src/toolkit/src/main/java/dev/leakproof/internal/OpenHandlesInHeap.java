package dev.leakproof.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.function.Predicate;
import shark.CloseableHeapGraph;
import shark.HeapGraph;
import shark.HeapObject;
import shark.HprofIndex;

/**
 * The counting fallback for open files where the operating system gives no descriptor count
 * (Windows): the handles that the JDK's own objects hold open, read from a dump of the whole heap.
 *
 * <p>Every file, socket or pipe opened through {@code java.io} or {@code java.nio} channels owns a
 * {@code java.io.FileDescriptor}, whose {@code fd} (Unix) or {@code handle} (Windows) is set to -1
 * when it is closed; directory streams keep their own {@code isClosed} flag. The dump includes
 * garbage, so a stream the code dropped without closing counts until a collection's Cleaner closes
 * it, as with the system's count. Blind to files opened by native code; about half a second a
 * reading on a
 * small heap.
 */
final class OpenHandlesInHeap {

    private static final String FILE_DESCRIPTOR = "java.io.FileDescriptor";
    private static final String[] DIRECTORY_STREAMS = {
        "sun.nio.fs.UnixDirectoryStream", "sun.nio.fs.WindowsDirectoryStream"
    };

    private OpenHandlesInHeap() {
    }

    static long count() {
        try {
            return countInDump();
        } finally {
            // Reading the dump leaves garbage the size of the dump: collect it, or the next dump,
            // which includes garbage, would be several times larger. Harmless to the count taken.
            Gc.collect();
        }
    }

    private static long countInDump() {
        try (HeapDump dump = HeapDump.ofAllObjects();
                CloseableHeapGraph graph = dump.openGraph(HprofIndex.Companion.defaultIndexedGcRootTags())) {
            long open = count(graph, FILE_DESCRIPTOR, OpenHandlesInHeap::isOpenDescriptor);
            for (String stream : DIRECTORY_STREAMS) {
                open += count(graph, stream, instance -> !field(instance, stream, "isClosed").getAsBoolean());
            }
            return open;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the heap dump to count open files", e);
        }
    }

    private static boolean isOpenDescriptor(HeapObject.HeapInstance descriptor) {
        return field(descriptor, FILE_DESCRIPTOR, "fd").getAsInt() != -1
                || field(descriptor, FILE_DESCRIPTOR, "handle").getAsLong() != -1;
    }

    private static long count(HeapGraph graph, String className, Predicate<HeapObject.HeapInstance> open) {
        HeapObject.HeapClass type = graph.findClassByName(className);
        if (type == null) {
            return 0;
        }
        long count = 0;
        for (Iterator<HeapObject.HeapInstance> it = type.getInstances().iterator(); it.hasNext(); ) {
            if (open.test(it.next())) {
                count++;
            }
        }
        return count;
    }

    private static shark.HeapValue field(HeapObject.HeapInstance instance, String className, String name) {
        var field = instance.get(className, name);
        if (field == null) {
            throw new IllegalStateException("this JDK's " + className + " has no field '" + name
                    + "': the open-file fallback does not know this JDK");
        }
        return field.getValue();
    }
}
