package dev.leakproof.kata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.check.TestOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The live progress of a run")
class LiveProgressTest {

    private static final String CLEAR_LINE = "\r\u001b[2K";

    private final StringWriter screen = new StringWriter();

    @Test
    @DisplayName("on a terminal, shows the test now running on one line and each test as it ends, then clears the line")
    void followsTheRunOnATerminal() {
        Style style = new Style(true);
        LiveProgress live = LiveProgress.on(new PrintWriter(screen), style, true);
        live.compiling();
        live.planned(2);
        live.started("shows the latest entries");
        live.finished("shows the latest entries", List.of("contract"), TestOutcome.Status.PASSED);
        live.started("keeps a bounded history");
        String whileRunning = screen.toString();
        live.finished("keeps a bounded history", List.of("leak"), TestOutcome.Status.LEAKED);
        live.end();

        assertThat(whileRunning).contains("Compiling…", "Running test 1 of 2: shows the latest entries",
                Report.testLine("shows the latest entries", List.of("contract"), TestOutcome.Status.PASSED, style) + "\n")
                .endsWith(style.dim("Running test 2 of 2: keeps a bounded history"));
        assertThat(screen.toString()).endsWith(CLEAR_LINE
                + Report.testLine("keeps a bounded history", List.of("leak"), TestOutcome.Status.LEAKED, style) + "\n");
    }

    @Test
    @DisplayName("in watch mode, shows a failed test's explanation as soon as it ends, before the other tests")
    void showsTheFirstLeakExplained() {
        LiveProgress live = LiveProgress.on(new PrintWriter(screen), new Style(true), true);
        live.planned(2);
        live.started("keeps no more entries than it shows");
        live.finished("keeps no more entries than it shows", List.of("leak"), TestOutcome.Status.LEAKED);
        live.explained("keeps no more entries than it shows", "Expected entries to grow by at most 3\n  ▶ History.entries");
        live.started("shows the latest entries");

        String shown = screen.toString();
        assertThat(shown).contains("      Expected entries to grow by at most 3\n        ▶ History.entries");
        assertThat(shown.indexOf("▶ History.entries")).isLessThan(shown.indexOf("Running test 2 of 2"));

        StringWriter quiet = new StringWriter();
        LiveProgress runOnce = LiveProgress.on(new PrintWriter(quiet), new Style(true), false);
        runOnce.explained("keeps no more entries than it shows", "Expected …");
        assertThat(quiet.toString()).as("kata run: the verdict explains it").doesNotContain("Expected");
    }

    @Test
    @DisplayName("cuts a long test name so that the status line never wraps")
    void neverWraps() {
        LiveProgress live = LiveProgress.on(new PrintWriter(screen), new Style(true), false);
        live.planned(1);
        live.started("x".repeat(200));

        String status = screen.toString().substring(screen.toString().lastIndexOf(CLEAR_LINE) + CLEAR_LINE.length());
        assertThat(status.replaceAll("\u001b\\[[0-9;]*m", "")).hasSize(72).endsWith("x…");
    }

    @Test
    @DisplayName("for kata run, shows the status line alone and clears it: the verdict that follows lists the tests")
    void listsNoTestInKataRun() {
        Style style = new Style(true);
        LiveProgress live = LiveProgress.on(new PrintWriter(screen), style, false);
        live.planned(1);
        live.started("keeps a bounded history");
        live.finished("keeps a bounded history", List.of("leak"), TestOutcome.Status.LEAKED);
        live.end();

        assertThat(screen.toString()).contains("Running test 1 of 1: keeps a bounded history").endsWith(CLEAR_LINE)
                .doesNotContain(Report.testLine("keeps a bounded history", List.of("leak"), TestOutcome.Status.LEAKED, style));
    }

    @Test
    @DisplayName("off a terminal, shows nothing: a log gets the verdict alone")
    void silentOffATerminal() {
        LiveProgress live = LiveProgress.on(new PrintWriter(screen), new Style(false), true);
        live.compiling();
        live.planned(1);
        live.started("keeps a bounded history");
        live.finished("keeps a bounded history", List.of("leak"), TestOutcome.Status.LEAKED);
        live.end();

        assertThat(screen.toString()).isEmpty();
    }
}
