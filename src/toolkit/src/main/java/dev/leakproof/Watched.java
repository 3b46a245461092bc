package dev.leakproof;

import dev.leakproof.internal.WatchedReference;
import java.util.function.Supplier;

/**
 * An object the test wants to see collected, held only weakly.
 *
 * <p>Create one with {@link LeakAssertions#watch(Supplier)}: the object is made inside the
 * supplier, so no local variable of the test method can keep it alive by accident.
 *
 * @param <T> the type of the watched object
 */
public final class Watched<T> {

    private final WatchedReference reference;

    Watched(T object) {
        this.reference = new WatchedReference(object);
    }

    /** What the object looked like when it was watched. */
    public String description() {
        return reference.description();
    }

    /** Whether the object has been collected already (no collection is forced). */
    public boolean isCleared() {
        return reference.refersTo(null);
    }

    WatchedReference reference() {
        return reference;
    }
}
