package dev.leakproof;

/** What a {@link ForkedJvm} run ended with: its exit code and everything it printed. */
public final class ForkedRun {

    private final String mainClass;
    private final String heap;
    private final int exitCode;
    private final boolean timedOut;
    private final String output;
    private final String whereItRanOut;
    private final String directLimit;

    ForkedRun(String mainClass, String heap, int exitCode, boolean timedOut, String output, String whereItRanOut,
            String directLimit) {
        this.mainClass = mainClass;
        this.heap = heap;
        this.directLimit = directLimit;
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

    /**
     * Whether what ran out was direct memory (direct ByteBuffers), not the heap: the JDK then
     * throws "Cannot reserve ... bytes of direct buffer memory" (JDK 17 and later) or, before,
     * "Direct buffer memory".
     */
    boolean ranOutOfDirectMemory() {
        return output.contains("java.lang.OutOfMemoryError: Cannot reserve")
                || output.contains("java.lang.OutOfMemoryError: Direct buffer memory");
    }

    /** The child's direct-memory limit as its options set it, or how the JVM chose it. */
    String directLimit() {
        return directLimit;
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
