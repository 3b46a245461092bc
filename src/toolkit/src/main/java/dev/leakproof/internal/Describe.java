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
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }
}
