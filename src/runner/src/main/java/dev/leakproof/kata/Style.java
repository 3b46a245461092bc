package dev.leakproof.kata;

import java.util.Locale;

/**
 * Colour and progress bars on a terminal; plain text, without ANSI codes, anywhere else (a pipe, a
 * file, a dumb terminal, or {@code NO_COLOR} set).
 */
final class Style {

    private static final java.util.regex.Pattern ANSI = java.util.regex.Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

    private final boolean ansi;
    private volatile int width;

    Style(boolean ansi) {
        this(ansi, 0);
    }

    /** {@code width}: the terminal's columns, to wrap long lines at; 0 to leave lines as they are. */
    Style(boolean ansi, int width) {
        this.ansi = ansi;
        this.width = width;
    }

    /** Colour when the output is a terminal that can show it, and nobody asked for none. */
    static Style detect() {
        String term = System.getenv("TERM");
        boolean ansi = System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(term) && !(term == null && !System.getProperty("os.name", "").startsWith("Windows"));
        return new Style(ansi, ansi ? terminalWidth() : 0);
    }

    /** The terminal's columns, or 0 when they cannot be known. */
    private static int terminalWidth() {
        try (org.jline.terminal.Terminal terminal = org.jline.terminal.TerminalBuilder.builder().system(true)
                .jansi(false).dumb(true).build()) {
            return terminal.getWidth();
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Wraps lines at {@code columns} from now on (watch mode learns them from its terminal); 0 not at all. */
    void width(int columns) {
        if (columns > 20) {
            this.width = columns;
        }
    }

    /**
     * The text with every line longer than the terminal is wide broken at spaces; a continued line
     * keeps its line's indent, so a message stays readable where the terminal would cut it anywhere.
     */
    String wrap(String text) {
        int columns = width;
        if (columns <= 20) {
            return text;
        }
        StringBuilder wrapped = new StringBuilder(text.length() + 64);
        String[] lines = text.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            if (l > 0) {
                wrapped.append('\n');
            }
            wrapLine(lines[l], columns - 1, wrapped);
        }
        return wrapped.toString();
    }

    private static void wrapLine(String line, int columns, StringBuilder out) {
        if (visibleLength(line) <= columns) {
            out.append(line);
            return;
        }
        int indentEnd = 0;
        while (indentEnd < line.length() && line.charAt(indentEnd) == ' ') {
            indentEnd++;
        }
        String indent = line.substring(0, Math.min(indentEnd, columns / 2)) + "  ";
        int used = 0;
        boolean first = true;
        for (String word : line.substring(indentEnd).split(" ")) {
            int length = visibleLength(word);
            if (first) {
                out.append(line, 0, indentEnd).append(word);
                used = indentEnd + length;
                first = false;
            } else if (used + 1 + length > columns && used > indent.length()) {
                out.append('\n').append(indent).append(word);
                used = indent.length() + length;
            } else {
                out.append(' ').append(word);
                used += 1 + length;
            }
        }
    }

    static int visibleLength(String text) {
        return ANSI.matcher(text).replaceAll("").codePointCount(0, ANSI.matcher(text).replaceAll("").length());
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
