package dev.leakproof.internal;

import java.util.List;

/** A series of readings as one line of block characters, lowest to highest. */
public final class Sparkline {

    private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {
    }

    /** Scaled from the lowest value to the highest: shows the shape of a growth. */
    public static String of(List<Long> values) {
        if (values.isEmpty()) {
            return "";
        }
        long min = values.stream().mapToLong(Long::longValue).min().getAsLong();
        long max = values.stream().mapToLong(Long::longValue).max().getAsLong();
        StringBuilder line = new StringBuilder(values.size());
        for (long value : values) {
            int bar = max == min ? 0 : (int) ((value - min) * (BARS.length - 1) / (max - min));
            line.append(BARS[bar]);
        }
        return line.toString();
    }

    /**
     * Scaled from zero to the highest value, each rounded to the nearest bar: for costs per
     * operation, where equal values must look equal and a few percent of noise must not look like
     * a swing from the lowest bar to the highest. Values at or below zero get the lowest bar.
     */
    public static String fromZero(List<Long> values) {
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder line = new StringBuilder(values.size());
        for (long value : values) {
            int bar = max <= 0 || value <= 0 ? 0 : (int) Math.round((double) value * (BARS.length - 1) / max);
            line.append(BARS[bar]);
        }
        return line.toString();
    }
}
