package dev.leakproof.internal;

/**
 * What {@code kata shell}'s {@code explain} helpers print. There the learner holds an object on
 * purpose to ask what else holds it, and nothing is known to have leaked: the path ends at "this
 * object", not at "the leaked object" as a leak test's failure does.
 */
public final class Shell {

    private Shell() {
    }

    /**
     * What holds the object {@code watched} watches, from a GC root. Watch it and drop the caller's
     * own reference before calling: a local variable of a running method would be the path shown.
     */
    public static String explain(WatchedReference watched) {
        return RetentionPath.naming("this object", () -> LeakTracer.explainSafely(watched));
    }

    /** What holds most instances of {@code type}: where they accumulate. */
    public static String explainInstances(Class<?> type) {
        return RetentionPath.naming("one of the instances", () -> LeakTracer.explainInstancesSafely(type.getName()));
    }
}
