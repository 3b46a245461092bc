package dev.leakproof.internal;

import java.util.List;

/** A series of readings as one line of block characters, lowest to highest. */
public final class Sparkline {

    private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {
    }

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
}
