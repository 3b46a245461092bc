package dev.leakproof.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import shark.HeapField;
import shark.HeapGraph;
import shark.HeapObject;
import shark.HeapValue;
import shark.ValueHolder;

/**
 * An object read from a heap dump, written as readably as the dump allows, for a map key on a
 * retention path. Its {@code toString()} cannot run (the dump holds data, not code), so a key shows
 * its fields instead: {@code Seat[participant="alice", room="breakout-1"]}.
 */
final class DumpedObject {

    private static final int MAX_FIELDS = 4;
    private static final int MAX_TEXT = 24;

    /** How Shark names an object it cannot read as a string: "instance @4029954136 of com.example.Seat". */
    private static final Pattern SHARK_NAME =
            Pattern.compile("(?:instance|object array|primitive array) @(-?\\d+) of .+");

    private static final Set<String> BOXES = Set.of("java.lang.Boolean", "java.lang.Character", "java.lang.Byte",
            "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double");

    private DumpedObject() {
    }

    /**
     * The key Shark names {@code sharkName} on a path, as readably as {@code graph} allows; a string
     * key, or a name that names no object of the dump, as Shark names it. Never fails: a key that
     * cannot be read must not cost the learner the whole path.
     */
    static String key(HeapGraph graph, String sharkName) {
        if (sharkName.startsWith("class ")) {
            return RetentionPath.simpleName(sharkName.substring("class ".length())) + ".class";
        }
        Matcher name = SHARK_NAME.matcher(sharkName);
        if (graph == null || !name.matches()) {
            return sharkName;
        }
        try {
            HeapObject object = graph.findObjectByIdOrNull(Long.parseLong(name.group(1)));
            return object == null ? sharkName : describe(object);
        } catch (RuntimeException e) {
            return sharkName;
        }
    }

    /**
     * Strings, boxed values and enums by value; arrays by type and length; any other instance by
     * its fields, or by its class and id when none of them is readable.
     */
    static String describe(HeapObject object) {
        if (object instanceof HeapObject.HeapClass) {
            return RetentionPath.simpleName(((HeapObject.HeapClass) object).getName()) + ".class";
        }
        if (object instanceof HeapObject.HeapObjectArray) {
            HeapObject.HeapObjectArray array = (HeapObject.HeapObjectArray) object;
            return arrayOf(array.getArrayClassName(), count(array.readElements().iterator()));
        }
        if (object instanceof HeapObject.HeapPrimitiveArray) {
            HeapObject.HeapPrimitiveArray array = (HeapObject.HeapPrimitiveArray) object;
            return arrayOf(array.getArrayClassName(), array.readRecord().getSize());
        }
        HeapObject.HeapInstance instance = (HeapObject.HeapInstance) object;
        String value = valueOf(instance);
        if (value != null) {
            return instance.instanceOf("java.lang.Enum") ? enumType(instance) + "." + value : value;
        }
        List<String> fields = new ArrayList<>();
        boolean readable = false;
        int more = 0;
        for (HeapField field : declarationOrder(instance)) {
            if (fields.size() == MAX_FIELDS) {
                more++;
                continue;
            }
            String text = valueOf(field.getValue());
            readable |= text != null && !field.getValue().isNullReference();
            fields.add(field.getName() + "=" + (text != null ? text : className(field.getValue())));
        }
        String type = instance.getInstanceClassSimpleName();
        if (!readable) {
            return type + " @" + instance.getObjectId();
        }
        return type + "[" + String.join(", ", fields) + (more > 0 ? ", …" : "") + "]";
    }

    /**
     * The fields to show, the instance's class first, each class's in the order the source declares
     * them (a record's order of components), whichever order the dump lists them in.
     */
    private static List<HeapField> declarationOrder(HeapObject.HeapInstance instance) {
        boolean reversed = listsFieldsLastFirst(instance.getGraph());
        List<HeapField> ordered = new ArrayList<>();
        List<HeapField> ofOneClass = new ArrayList<>();
        for (Iterator<HeapField> it = instance.readFields().iterator(); it.hasNext(); ) {
            HeapField field = it.next();
            if (!ofOneClass.isEmpty() && ofOneClass.get(0).getDeclaringClass().getObjectId()
                    != field.getDeclaringClass().getObjectId()) {
                ordered.addAll(inOrder(ofOneClass, reversed));
                ofOneClass.clear();
            }
            if (isShown(field)) {
                ofOneClass.add(field);
            }
        }
        ordered.addAll(inOrder(ofOneClass, reversed));
        return ordered;
    }

    private static List<HeapField> inOrder(List<HeapField> fields, boolean reversed) {
        List<HeapField> copy = new ArrayList<>(fields);
        if (reversed) {
            Collections.reverse(copy);
        }
        return copy;
    }

    /**
     * Whether the dump lists a class's fields last first, as JDK 17 writes them (JDK 25 writes them
     * as declared): told by {@code ArrayList}, loaded in every JVM, which declares
     * {@code elementData} before {@code size}.
     */
    private static boolean listsFieldsLastFirst(HeapGraph graph) {
        HeapObject.HeapClass list = graph.findClassByName("java.util.ArrayList");
        if (list == null) {
            return false;
        }
        var fields = list.readRecordFields();
        return !fields.isEmpty() && list.instanceFieldName(fields.get(0)).equals("size");
    }

    /** A field of the object's own classes: not one of {@code Object}, {@code Record} or {@code Enum}. */
    private static boolean isShown(HeapField field) {
        String declaring = field.getDeclaringClass().getName();
        return !declaring.equals("java.lang.Object") && !declaring.equals("java.lang.Record")
                && !declaring.equals("java.lang.Enum") && !field.getName().startsWith("this$");
    }

    /** A primitive, a string, a boxed value or an enum constant as text; {@code null} when it is none of them. */
    private static String valueOf(HeapValue value) {
        ValueHolder holder = value.getHolder();
        if (holder instanceof ValueHolder.ReferenceHolder) {
            if (value.isNullReference()) {
                return "null";
            }
            HeapObject object = value.getAsObject();
            return object instanceof HeapObject.HeapInstance ? valueOf((HeapObject.HeapInstance) object) : null;
        }
        if (holder instanceof ValueHolder.BooleanHolder) {
            return String.valueOf(((ValueHolder.BooleanHolder) holder).getValue());
        }
        if (holder instanceof ValueHolder.CharHolder) {
            return "'" + ((ValueHolder.CharHolder) holder).getValue() + "'";
        }
        if (holder instanceof ValueHolder.ByteHolder) {
            return String.valueOf(((ValueHolder.ByteHolder) holder).getValue());
        }
        if (holder instanceof ValueHolder.ShortHolder) {
            return String.valueOf(((ValueHolder.ShortHolder) holder).getValue());
        }
        if (holder instanceof ValueHolder.IntHolder) {
            return String.valueOf(((ValueHolder.IntHolder) holder).getValue());
        }
        if (holder instanceof ValueHolder.LongHolder) {
            return String.valueOf(((ValueHolder.LongHolder) holder).getValue());
        }
        if (holder instanceof ValueHolder.FloatHolder) {
            return String.valueOf(((ValueHolder.FloatHolder) holder).getValue());
        }
        return String.valueOf(((ValueHolder.DoubleHolder) holder).getValue());
    }

    /** A string (quoted, shortened), a boxed value or an enum constant as text; {@code null} for anything else. */
    private static String valueOf(HeapObject.HeapInstance instance) {
        String className = instance.getInstanceClassName();
        if (className.equals("java.lang.String")) {
            String text = instance.readAsJavaString();
            return text == null ? null : quoted(text);
        }
        if (BOXES.contains(className)) {
            HeapField value = instance.get(className, "value");
            return value == null ? null : valueOf(value.getValue());
        }
        if (instance.instanceOf("java.lang.Enum")) {
            HeapField name = instance.get("java.lang.Enum", "name");
            return name == null ? null : name.getValue().readAsJavaString();
        }
        return null;
    }

    /** The enum's own name, also for a constant with a body, whose class is an anonymous subclass. */
    private static String enumType(HeapObject.HeapInstance constant) {
        HeapObject.HeapClass type = constant.getInstanceClass();
        if (type.getName().matches(".*\\$\\d+") && type.getSuperclass() != null) {
            type = type.getSuperclass();
        }
        return RetentionPath.simpleName(type.getName());
    }

    private static String className(HeapValue value) {
        HeapObject object = value.getAsObject();
        if (object instanceof HeapObject.HeapInstance) {
            return ((HeapObject.HeapInstance) object).getInstanceClassSimpleName();
        }
        if (object instanceof HeapObject.HeapObjectArray) {
            return RetentionPath.simpleName(((HeapObject.HeapObjectArray) object).getArrayClassName());
        }
        if (object instanceof HeapObject.HeapPrimitiveArray) {
            return ((HeapObject.HeapPrimitiveArray) object).getArrayClassName();
        }
        return object instanceof HeapObject.HeapClass ? "Class" : "?";
    }

    /** {@code "com.example.Seat[]"} and 3 → {@code "Seat[3]"}; {@code "int[][]"} and 2 → {@code "int[2][]"}. */
    private static String arrayOf(String arrayClassName, int length) {
        int dimensions = arrayClassName.indexOf('[');
        if (dimensions < 0) {
            return RetentionPath.simpleName(arrayClassName) + "[" + length + "]";
        }
        return RetentionPath.simpleName(arrayClassName.substring(0, dimensions)) + "[" + length + "]"
                + arrayClassName.substring(dimensions + 2);
    }

    private static int count(Iterator<?> elements) {
        int count = 0;
        while (elements.hasNext()) {
            elements.next();
            count++;
        }
        return count;
    }

    private static String quoted(String text) {
        String shown = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
        return "\"" + shown.replace("\"", "\\\"") + "\"";
    }
}
