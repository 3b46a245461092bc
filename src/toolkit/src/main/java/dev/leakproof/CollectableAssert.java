package dev.leakproof;

import dev.leakproof.internal.Gc;
import dev.leakproof.internal.LeakTracer;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link Watched} object. */
public final class CollectableAssert extends AbstractAssert<CollectableAssert, Watched<?>> {

    CollectableAssert(Watched<?> actual) {
        super(actual, CollectableAssert.class);
    }

    /**
     * Verifies that nothing strongly reachable holds the watched object any more: collections are
     * forced until it is cleared, for at most two seconds.
     */
    public CollectableAssert isCollectable() {
        isNotNull();
        long started = System.nanoTime();
        int collections = Gc.awaitCleared(actual.reference());
        if (collections < 0) {
            long millis = (System.nanoTime() - started) / 1_000_000;
            throw Failures.leak(info, String.format(
                    "Expected %s to be collectable, but it was still strongly reachable after %d ms of forced "
                            + "garbage collections.%n%s",
                    actual.description(), millis, LeakTracer.explainSafely(actual.reference())));
        }
        return this;
    }
}
