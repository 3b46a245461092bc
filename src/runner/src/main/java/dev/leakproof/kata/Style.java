package dev.leakproof.kata;

import java.util.Locale;

/**
 * Colour and progress bars on a terminal; plain text, without ANSI codes, anywhere else (a pipe, a
 * file, a dumb terminal, or {@code NO_COLOR} set).
 */
final class Style {

    private final boolean ansi;

    Style(boolean ansi) {
        this.ansi = ansi;
    }

    /** Colour when the output is a terminal that can show it, and nobody asked for none. */
    static Style detect() {
        String term = System.getenv("TERM");
        boolean ansi = System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(term) && !(term == null && !System.getProperty("os.name", "").startsWith("Windows"));
        return new Style(ansi);
    }

    boolean ansi() {
        return ansi;
    }

    String green(String text) {
        return paint("32", text);
    }

    String red(String text) {
        return paint("31", text);
    }

    String yellow(String text) {
        return paint("33", text);
    }

    String bold(String text) {
        return paint("1", text);
    }

    String dim(String text) {
        return paint("2", text);
    }

    String pass() {
        return green(ansi ? "✔" : "[ok]");
    }

    String fail() {
        return red(ansi ? "✘" : "[x]");
    }

    private String paint(String code, String text) {
        return ansi ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    /** {@code [#####.....] 2/4} in plain text, a block bar on a terminal. */
    String bar(int done, int total, int width) {
        int filled = total == 0 ? 0 : (int) Math.round((double) width * done / total);
        String full = (ansi ? "█" : "#").repeat(filled);
        String empty = (ansi ? "░" : ".").repeat(width - filled);
        return "[" + green(full) + empty + "] " + done + "/" + total;
    }

    /** Clears the screen on a terminal; a separator line otherwise. */
    String clear() {
        return ansi ? "\u001b[H\u001b[2J" : "\n" + "-".repeat(72) + "\n";
    }

    static String plural(long count, String word) {
        return String.format(Locale.ROOT, "%d %s%s", count, word, count == 1 ? "" : "s");
    }
}
