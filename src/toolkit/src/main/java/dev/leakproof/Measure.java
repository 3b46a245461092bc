package dev.leakproof;

import dev.leakproof.internal.Describe;
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
    }

    private final String name;
    private final Unit unit;
    private final LongSupplier reading;
    private final Class<?> counted;

    Measure(String name, Unit unit, LongSupplier reading) {
        this(name, unit, reading, null);
    }

    Measure(String name, Unit unit, LongSupplier reading, Class<?> counted) {
        this.name = name;
        this.unit = unit;
        this.reading = reading;
        this.counted = counted;
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
