package dev.leakproof.check;

/**
 * One way a lesson breaks the invariant or is incomplete.
 *
 * @param lesson the lesson's id
 * @param where  the cell's heading, or {@code files} for completeness
 * @param test   the test concerned, or empty
 * @param reason what is wrong, as a sentence a maintainer can act on
 */
public record Miss(String lesson, String where, String test, String reason) {

    @Override
    public String toString() {
        return lesson + " [" + where + "]" + (test.isEmpty() ? "" : " " + test) + ": " + reason;
    }
}
