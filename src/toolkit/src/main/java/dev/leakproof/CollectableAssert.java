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

    /**
     * Verifies the opposite: the watched object survives full collections, because something the code
     * keeps on purpose holds it strongly (an open subscription, a task still scheduled). For code that
     * holds too little, such as listeners kept only through weak references, which vanish at the next
     * collection. Two full collections clear any object that only weak references reach.
     *
     * <p>A failure here is a broken contract, not a leak: it is a plain {@link AssertionError}.
     */
    public CollectableAssert staysReachable() {
        isNotNull();
        if (actual.isCleared()) {
            failWithMessage("Expected %s to stay reachable, but it had been garbage collected before any collection "
                    + "was forced: nothing held it strongly.", actual.description());
        }
        for (int collection = 1; collection <= 2; collection++) {
            Gc.collect();
            if (actual.isCleared()) {
                failWithMessage("Expected %s to stay reachable, but it was garbage collected by forced full "
                        + "collection %d of 2: nothing held it strongly. Weak references, a WeakHashMap's keys "
                        + "and WeakReference fields do not keep an object alive; only a strong reference from "
                        + "something still in use does.", actual.description(), collection);
            }
        }
        return this;
    }
}
