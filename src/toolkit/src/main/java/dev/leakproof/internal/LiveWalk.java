package dev.leakproof.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Reachable}'s reading done on the live objects, by reflection, instead of on a heap dump:
 * the same objects, the same sizes, the same names, in milliseconds instead of a dump and its index.
 *
 * <p>It needs to read the private fields of the JDK's classes, which the test JVM's options open
 * ({@code --add-opens}, set in the workbook's pom). It gives up, and the dump is read instead, when
 * a field cannot be read, or when it meets a class whose fields reflection hides or the JVM lays out
 * on its own ({@code java.lang.reflect}'s, {@code java.lang.invoke}'s, a {@code Module}, a virtual
 * thread's stack): an exact reading or none. Other threads may change the objects while they are
 * walked, where a dump sees one instant; a component whose readings are judged is at rest between
 * operations.
 */
final class LiveWalk {

    private static final int HEADER = Reachable.HEADER;
    private static final int ARRAY_HEADER = Reachable.ARRAY_HEADER;
    private static final int REFERENCE = Reachable.REFERENCE;

    /** A class whose instances are neither counted nor followed (see {@link Reachable}). */
    private static final Layout EXCLUDED = new Layout("", 0, new Field[0], new String[0]);

    /** A class this walk cannot read exactly: the dump is read instead. */
    private static final Layout UNREADABLE = new Layout("", 0, new Field[0], new String[0]);

    /** Layouts by class, kept for the JVM's life: a class's fields never change. */
    private static final ClassValue<Layout> LAYOUTS = new ClassValue<>() {
        @Override
        protected Layout computeValue(Class<?> type) {
            return layoutOf(type);
        }
    };

    private LiveWalk() {
    }

    /** The reading of what {@code component} reaches, or null when it cannot be read exactly this way. */
    static Reachable.Snapshot of(Object component) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Object> queue = new ArrayDeque<>();
        ArrayDeque<Integer> origins = new ArrayDeque<>();
        Map<String, long[]> byClass = new HashMap<>();
        Map<String, Long> byField = new HashMap<>();
        List<String> fieldOrder = new ArrayList<>();
        String componentClass = null;
        long total = 0;
        seen.put(component, Boolean.TRUE);
        queue.add(component);
        origins.add(-1);
        while (!queue.isEmpty()) {
            Object object = queue.poll();
            int origin = origins.poll();
            Class<?> type = object.getClass();
            Object[] refs;
            String[] names = null;
            String name;
            long size;
            if (object instanceof Class) {
                continue; // statics are not the component's
            } else if (type.isArray() && type.getComponentType().isPrimitive()) {
                name = arrayName(type);
                size = Reachable.align(ARRAY_HEADER
                        + (long) Array.getLength(object) * primitiveSize(type.getComponentType()));
                refs = null;
            } else if (type.isArray()) {
                refs = (Object[]) object;
                name = arrayName(type);
                size = Reachable.align(ARRAY_HEADER + (long) REFERENCE * refs.length);
            } else {
                Layout layout = LAYOUTS.get(type);
                if (layout == UNREADABLE) {
                    return null;
                }
                if (layout == EXCLUDED) {
                    continue;
                }
                name = layout.name;
                size = layout.size;
                refs = new Object[layout.references.length];
                try {
                    for (int i = 0; i < refs.length; i++) {
                        refs[i] = layout.references[i].get(object);
                    }
                } catch (IllegalAccessException | RuntimeException e) {
                    return null;
                }
                names = layout.names;
            }
            if (origin == -1) {
                componentClass = name;
            }
            long[] figures = byClass.computeIfAbsent(name, n -> new long[2]);
            figures[0]++;
            figures[1] += size;
            total += size;
            if (origin >= 0) {
                byField.merge(fieldOrder.get(origin), size, Long::sum);
            }
            if (refs == null) {
                continue;
            }
            for (int i = 0; i < refs.length; i++) {
                Object ref = refs[i];
                if (ref == null || seen.put(ref, Boolean.TRUE) != null) {
                    continue;
                }
                queue.add(ref);
                if (origin != -1) {
                    origins.add(origin);
                } else {
                    String field = names == null ? "[]" : names[i];
                    int index = fieldOrder.indexOf(field);
                    if (index < 0) {
                        index = fieldOrder.size();
                        fieldOrder.add(field);
                        byField.put(field, 0L);
                    }
                    origins.add(index);
                }
            }
        }
        return new Reachable.Snapshot(total, byClass, byField, componentClass);
    }

    /** The name a heap dump gives an array class: {@code byte[]}, {@code java.lang.String[][]}. */
    private static String arrayName(Class<?> type) {
        return type.isArray() ? arrayName(type.getComponentType()) + "[]" : dumpName(type);
    }

    /** The name a heap dump gives a class: a lambda's hidden class is {@code Owner$$Lambda+0x…}, with a plus. */
    private static String dumpName(Class<?> type) {
        return type.isHidden() ? type.getName().replace('/', '+') : type.getName();
    }

    /** How an instance of a class is laid out in the size model, and its reference fields, readable. */
    private static final class Layout {
        final String name;
        final long size;
        final Field[] references;
        final String[] names;

        Layout(String name, long size, Field[] references, String[] names) {
            this.name = name;
            this.size = size;
            this.references = references;
            this.names = names;
        }
    }

    /** Like the dump's layout: the class's own fields first, then each superclass's, in declaration order. */
    private static Layout layoutOf(Class<?> type) {
        for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
            String name = declaring.getName();
            if (name.equals("java.lang.ClassLoader") || name.equals("java.lang.Thread")
                    || name.equals("java.lang.ThreadGroup") || name.equals("jdk.internal.ref.PhantomCleanable")
                    || name.startsWith("jdk.internal.ref.CleanerImpl")) {
                return EXCLUDED;
            }
        }
        long size = HEADER;
        List<Field> references = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
            if (hidesOrLaysOutFields(declaring)) {
                return UNREADABLE;
            }
            for (Field field : declaring.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                if (!field.getType().isPrimitive()) {
                    size += REFERENCE;
                    // A Reference's own fields are not followed: see Reachable.
                    if (declaring != java.lang.ref.Reference.class) {
                        try {
                            field.setAccessible(true);
                        } catch (RuntimeException e) {
                            return UNREADABLE; // a package the test JVM's options do not open
                        }
                        references.add(field);
                        names.add(RetentionPath.simpleName(dumpName(type)) + "." + field.getName());
                    }
                } else {
                    size += primitiveSize(field.getType());
                }
            }
        }
        return new Layout(dumpName(type), Reachable.align(size), references.toArray(new Field[0]),
                names.toArray(new String[0]));
    }

    /**
     * Reflection hides fields of {@code java.lang.reflect}'s objects and a {@code Module}'s, and of a
     * {@code MethodHandles.Lookup}; the JVM adds fields of its own to {@code java.lang.invoke}'s
     * (a member name's target) and lays out a virtual thread's stack chunk itself.
     */
    private static boolean hidesOrLaysOutFields(Class<?> declaring) {
        String name = declaring.getName();
        return name.equals("java.lang.reflect.AccessibleObject") || name.equals("java.lang.Module")
                || name.startsWith("java.lang.invoke.") || name.startsWith("jdk.internal.vm.")
                || name.startsWith("jdk.internal.reflect.");
    }

    private static int primitiveSize(Class<?> type) {
        if (type == boolean.class || type == byte.class) {
            return 1;
        }
        if (type == char.class || type == short.class) {
            return 2;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        return 8;
    }

}
