package dev.leakproof;

import dev.leakproof.internal.Describe;
import dev.leakproof.internal.Reachable;
import java.util.function.LongSupplier;

/**
 * Something that can be read as a number while work goes on: entries in a collection, bytes of
 * heap, open files. Create one with the factories in {@link LeakAssertions}.
 */
public final class Measure {

    /** How readings are written in failure messages. */
    enum Unit {
        COUNT, BYTES;

        String format(long value) {
            return this == BYTES ? Describe.bytes(value) : Describe.count(value);
        }

        /** Two figures of one message, with the precision it takes for them to read differently. */
        String[] formatApart(long first, long second) {
            return this == BYTES ? Describe.bytesApart(first, second)
                    : new String[] {Describe.count(first), Describe.count(second)};
        }
    }

    /** What a growth failure shows besides the readings. */
    enum Explanation {
        /** The classes whose live instances grew, and what holds them. */
        HEAP,
        /** The files opened and not closed, by path, where the OS names them. */
        OPEN_FILES,
        /** Nothing: allocation is garbage, so nothing on the heap can show where it went. */
        NONE,
        /** What grew among the objects reachable from the component, and a path to a sample of it. */
        REACHABLE
    }

    private final String name;
    private final Unit unit;
    private final LongSupplier reading;
    private final Class<?> counted;
    private final Explanation explanation;
    private final Object component;

    Measure(String name, Unit unit, LongSupplier reading) {
        this(name, unit, reading, null, Explanation.HEAP);
    }

    Measure(String name, Unit unit, LongSupplier reading, Class<?> counted) {
        this(name, unit, reading, counted, Explanation.HEAP);
    }

    Measure(String name, Unit unit, LongSupplier reading, Class<?> counted, Explanation explanation) {
        this(name, unit, reading, counted, explanation, null);
    }

    private Measure(String name, Unit unit, LongSupplier reading, Class<?> counted, Explanation explanation,
            Object component) {
        this.name = name;
        this.unit = unit;
        this.reading = reading;
        this.counted = counted;
        this.explanation = explanation;
        this.component = component;
    }

    /** The bytes reachable from {@code component}, read from a heap dump. */
    static Measure reachableFrom(Object component) {
        return new Measure("bytes retained by the " + component.getClass().getSimpleName(), Unit.BYTES,
                () -> Reachable.of(component).bytes(), null, Explanation.REACHABLE, component);
    }

    /** The object whose reachable bytes this measure reads, or {@code null}. */
    Object component() {
        return component;
    }

    /** Whether a reading is costly (a heap dump): a growth assertion then takes fewer of them. */
    boolean costly() {
        return component != null;
    }

    Explanation explanation() {
        return explanation;
    }

    /** The class whose instances this measure counts, or {@code null}. */
    Class<?> counted() {
        return counted;
    }

    /** What is measured, as failure messages name it. */
    public String name() {
        return name;
    }

    /** Takes one reading now. */
    public long read() {
        return reading.getAsLong();
    }

    Unit unit() {
        return unit;
    }

    @Override
    public String toString() {
        return name;
    }
}
