package dev.leakproof.internal;

import java.util.Locale;

/** Short renderings of objects and figures for failure messages. */
public final class Describe {

    private static final int MAX_TEXT = 80;

    private Describe() {
    }

    /** {@code "Event[id=1]" (com.example.Event)}, shortened; never fails, whatever toString does. */
    public static String object(Object object) {
        if (object == null) {
            return "null";
        }
        String text;
        try {
            text = String.valueOf(object);
        } catch (RuntimeException e) {
            text = object.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(object));
        }
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT - 1) + "…";
        }
        return "<" + text + "> (" + object.getClass().getName() + ")";
    }

    /** 1234567 → "1,234,567". */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** 1536 → "1.5 KiB". */
    public static String bytes(long value) {
        return bytes(value, 1);
    }

    /**
     * Two byte counts that differ, written so that they read differently: with more decimals where
     * one would do ({@code "1.000 MiB"} and {@code "1.004 MiB"}), else to the byte.
     */
    public static String[] bytesApart(long first, long second) {
        for (int decimals = 1; decimals <= 3; decimals++) {
            String a = bytes(first, decimals);
            String b = bytes(second, decimals);
            if (first == second || !a.equals(b)) {
                return new String[] {a, b};
            }
        }
        return new String[] {count(first) + " B", count(second) + " B"};
    }

    private static String bytes(long value, int decimals) {
        long magnitude = Math.abs(value);
        if (magnitude < 1024) {
            return value + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double scaled = value;
        int unit = -1;
        while (Math.abs(scaled) >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f %s", scaled, units[unit]);
    }

    /** A time in nanoseconds, to two or three significant digits: "850 µs", "2.3 ms", "1.5 s", "3.2 min". */
    public static String duration(double nanos) {
        if (nanos >= 60e9) {
            return String.format(Locale.ROOT, "%.1f min", nanos / 60e9);
        }
        if (nanos >= 1e9) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        }
        if (nanos >= 1e6) {
            return String.format(Locale.ROOT, nanos >= 1e8 ? "%.0f ms" : "%.1f ms", nanos / 1e6);
        }
        if (nanos >= 1e3) {
            return String.format(Locale.ROOT, nanos >= 1e5 ? "%.0f µs" : "%.1f µs", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f ns", nanos);
    }
}
