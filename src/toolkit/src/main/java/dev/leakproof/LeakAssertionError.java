package dev.leakproof;

/**
 * A leak assertion failed: something was retained, grew, or outlived the code under test.
 *
 * <p>Its own type, so a check can tell a test that failed <em>because of a leak</em> from one that
 * failed for any other reason (an exception, a time-out, a plain assertion).
 */
public class LeakAssertionError extends AssertionError {

    private static final long serialVersionUID = 1L;

    public LeakAssertionError(String message) {
        super(message);
    }
}
