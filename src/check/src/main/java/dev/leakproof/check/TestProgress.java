package dev.leakproof.check;

import java.util.List;

/**
 * What a run of a lesson's tests reports while it goes on, so that a display can follow it: the
 * number of tests, then each test as it starts and ends. The outcomes themselves come at the end,
 * in {@link TestRunner.Run}.
 */
public interface TestProgress {

    /** Follows nothing. */
    TestProgress NONE = new TestProgress() {
    };

    /** The run has found its tests. */
    default void planned(int tests) {
    }

    /** A test has started. */
    default void started(String displayName) {
    }

    /** A test has ended; {@code tags} as in {@link TestOutcome#tags()}. */
    default void finished(String displayName, List<String> tags, TestOutcome.Status status) {
    }

    /** A test that did not pass has ended (just after {@link #finished}): its failure's message, a leak's explanation. */
    default void explained(String displayName, String message) {
    }
}
