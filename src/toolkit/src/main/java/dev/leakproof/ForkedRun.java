package dev.leakproof;

/** What a {@link ForkedJvm} run ended with: its exit code and everything it printed. */
public final class ForkedRun {

    private final String mainClass;
    private final String heap;
    private final int exitCode;
    private final boolean timedOut;
    private final String output;
    private final String whereItRanOut;

    ForkedRun(String mainClass, String heap, int exitCode, boolean timedOut, String output, String whereItRanOut) {
        this.mainClass = mainClass;
        this.heap = heap;
        this.exitCode = exitCode;
        this.timedOut = timedOut;
        this.output = output;
        this.whereItRanOut = whereItRanOut;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Standard output and standard error of the child, interleaved. */
    public String output() {
        return output;
    }

    public boolean timedOut() {
        return timedOut;
    }

    /** Whether the child ended because its heap (or direct memory) was exhausted. */
    public boolean ranOutOfMemory() {
        return output.contains("java.lang.OutOfMemoryError");
    }

    /** The stack of the child's thread that ran out of heap, from its dump; empty if it did not. */
    String whereItRanOut() {
        return whereItRanOut;
    }

    String mainClass() {
        return mainClass;
    }

    String heap() {
        return heap;
    }

    @Override
    public String toString() {
        return mainClass + " with " + heap + ": exit " + exitCode;
    }
}
