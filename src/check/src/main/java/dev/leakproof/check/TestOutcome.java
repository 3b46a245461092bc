package dev.leakproof.check;

import java.io.Serializable;
import java.util.List;

/** How one test of a lesson ended. */
public final class TestOutcome implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The method name of an outcome that belongs to a whole test class, not to one of its tests. */
    static final String CLASS_LEVEL = "(class)";

    /** How a test ended, from the check's point of view. */
    public enum Status {
        /** The test passed. */
        PASSED,
        /** A leak assertion failed: the toolkit found something retained, grown or left open. */
        LEAKED,
        /** Any other failure: a plain assertion, an exception, a time-out. */
        FAILED,
        /** Skipped or aborted (an assumption did not hold). */
        SKIPPED
    }

    private final String className;
    private final String methodName;
    private final String displayName;
    private final List<String> tags;
    private final Status status;
    private final String failureType;
    private final String message;
    private final String stackTrace;

    public TestOutcome(String className, String methodName, String displayName, List<String> tags, Status status,
            String failureType, String message, String stackTrace) {
        this.className = className;
        this.methodName = methodName;
        this.displayName = displayName;
        this.tags = List.copyOf(tags);
        this.status = status;
        this.failureType = failureType;
        this.message = message;
        this.stackTrace = stackTrace;
    }

    public String className() {
        return className;
    }

    public String methodName() {
        return methodName;
    }

    /** The test's {@code @DisplayName}, or its method name. */
    public String displayName() {
        return displayName;
    }

    public List<String> tags() {
        return tags;
    }

    public Status status() {
        return status;
    }

    /** The failure's class name, or empty. */
    public String failureType() {
        return failureType;
    }

    /** The failure's message, or empty. */
    public String message() {
        return message;
    }

    public String stackTrace() {
        return stackTrace;
    }

    /** Whether this is a failure of a test class as a whole (an {@code @AfterAll}), not of one test. */
    public boolean classLevel() {
        return CLASS_LEVEL.equals(methodName);
    }

    /** {@code EventLogTest.keepsRecentEvents}: a short name for reports. */
    public String shortName() {
        return className.substring(className.lastIndexOf('.') + 1) + "." + methodName;
    }

    /** The same verdict: status and failure type, not the message's figures. */
    public boolean sameVerdict(TestOutcome other) {
        return status == other.status && failureType.equals(other.failureType);
    }

    @Override
    public String toString() {
        return shortName() + " " + status + (failureType.isEmpty() ? "" : " (" + failureType + ")");
    }
}
