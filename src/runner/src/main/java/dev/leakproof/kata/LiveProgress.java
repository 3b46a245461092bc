package dev.leakproof.kata;

import dev.leakproof.check.TestOutcome;
import dev.leakproof.check.TestProgress;
import java.io.PrintWriter;
import java.util.List;

/**
 * Follows a run on a terminal while it goes on: the step now running on one line rewritten in
 * place and, in watch mode, each test as it ends, with a failure's explanation. A leak test takes
 * a second or two to prove a leak, so the learner reads the first leak explained while the rest run. Off a terminal it shows
 * nothing: the verdict that follows says it all.
 */
final class LiveProgress implements TestProgress {

    /** Narrower than a terminal, so the status line never wraps and can be rewritten. */
    private static final int STATUS_WIDTH = 72;

    private final PrintWriter out;
    private final Style style;
    private final boolean listTests;
    private int total;
    private int done;
    private boolean statusShown;

    private LiveProgress(PrintWriter out, Style style, boolean listTests) {
        this.out = out;
        this.style = style;
        this.listTests = listTests;
    }

    /** A display that follows the run on {@code out} when it is a terminal; else one that shows nothing. */
    static LiveProgress on(PrintWriter out, Style style, boolean listTests) {
        return new LiveProgress(out, style, listTests);
    }

    /** The lesson is being compiled: the step before its tests run. */
    void compiling() {
        status("Compiling…");
    }

    @Override
    public void planned(int tests) {
        total = tests;
    }

    @Override
    public void started(String displayName) {
        status("Running test " + (done + 1) + " of " + total + ": " + displayName);
    }

    @Override
    public void finished(String displayName, List<String> tags, TestOutcome.Status status) {
        done++;
        if (listTests && style.ansi()) {
            clearStatus();
            out.println(Report.testLine(displayName, tags, status, style));
            out.flush();
        }
    }

    @Override
    public void explained(String displayName, String message) {
        if (listTests && style.ansi() && !message.isBlank()) {
            // The first leak, explained, while the other tests still run.
            clearStatus();
            out.println(style.wrap(Report.indent(message.strip(), "      ")));
            out.flush();
        }
    }

    /** Takes the status line away, before the verdict is printed. */
    void end() {
        clearStatus();
        out.flush();
    }

    private void status(String text) {
        if (!style.ansi()) {
            return;
        }
        clearStatus();
        String shown = text.length() > STATUS_WIDTH ? text.substring(0, STATUS_WIDTH - 1) + "…" : text;
        out.print(style.dim(shown));
        out.flush();
        statusShown = true;
    }

    private void clearStatus() {
        if (statusShown) {
            out.print("\r\u001b[2K");
            statusShown = false;
        }
    }
}
