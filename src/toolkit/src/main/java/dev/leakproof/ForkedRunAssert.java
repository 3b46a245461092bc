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
        if (actual.ranOutOfDirectMemory()) {
            throw Failures.leak(info, String.format(
                    "Expected %s to finish within its direct memory (%s), but it ran out of direct memory "
                            + "(exit code %d): the direct ByteBuffers it still held left no room for one more. "
                            + "Its heap (%s) did not run out.%n%s%s",
                    actual.mainClass(), actual.directLimit(), actual.exitCode(), actual.heap(),
                    whereDirectMemoryRanOut(), childOutput()));
        }
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

    /** The error's line and the frames down to the first one outside the JDK, from the child's output. */
    private String whereDirectMemoryRanOut() {
        String nl = System.lineSeparator();
        String[] lines = actual.output().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].contains("java.lang.OutOfMemoryError")) {
                continue;
            }
            StringBuilder text = new StringBuilder("Where it ran out: ")
                    .append(lines[i].substring(lines[i].indexOf("java.lang.OutOfMemoryError"))).append(nl);
            for (int k = i + 1; k < lines.length && lines[k].strip().startsWith("at "); k++) {
                String frame = lines[k].strip().substring(3);
                boolean jdk = frame.matches("(java\\.base/)?(java|jdk|sun)\\..*");
                text.append(jdk ? "      " : "    ▶ ").append(frame).append(nl);
                if (!jdk) {
                    break;
                }
            }
            return text.toString();
        }
        return "";
    }

    private String childOutput() {
        String text = actual.output().strip();
        if (text.length() > MAX_OUTPUT) {
            text = "…" + text.substring(text.length() - MAX_OUTPUT);
        }
        return "--- output of the forked JVM ---" + System.lineSeparator() + text;
    }
}
