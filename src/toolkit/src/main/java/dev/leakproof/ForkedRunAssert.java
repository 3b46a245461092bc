package dev.leakproof;

import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link ForkedRun}. */
public final class ForkedRunAssert extends AbstractAssert<ForkedRunAssert, ForkedRun> {

    private static final int MAX_OUTPUT = 4_000;

    ForkedRunAssert(ForkedRun actual) {
        super(actual, ForkedRunAssert.class);
    }

    /**
     * Verifies that the child finished normally (exit code 0). Running out of memory is reported as
     * a leak; any other failure as an ordinary assertion error; both with the child's output.
     */
    public ForkedRunAssert succeeded() {
        isNotNull();
        if (actual.ranOutOfMemory()) {
            throw Failures.leak(info, String.format(
                    "Expected %s to finish within a heap of %s, but it ran out of memory (exit code %d).%n%s%s",
                    actual.mainClass(), actual.heap(), actual.exitCode(),
                    actual.whereItRanOut().isEmpty() ? "" : actual.whereItRanOut() + System.lineSeparator(),
                    childOutput()));
        }
        if (actual.timedOut()) {
            failWithMessage("Expected %s to finish, but it was still running at the time-out and was stopped.%n%s",
                    actual.mainClass(), childOutput());
        }
        if (actual.exitCode() != 0) {
            failWithMessage("Expected %s to finish normally, but it exited with code %d.%n%s",
                    actual.mainClass(), actual.exitCode(), childOutput());
        }
        return this;
    }

    private String childOutput() {
        String text = actual.output().strip();
        if (text.length() > MAX_OUTPUT) {
            text = "…" + text.substring(text.length() - MAX_OUTPUT);
        }
        return "--- output of the forked JVM ---" + System.lineSeparator() + text;
    }
}
