package dev.leakproof.internal;

import java.lang.ref.WeakReference;
import java.util.UUID;

/**
 * A weak reference with a unique key, so that the exact watched object can be found again, for
 * instance in a heap dump, among all instances of its class.
 */
public final class WatchedReference extends WeakReference<Object> {

    private final String key = UUID.randomUUID().toString();
    private final String description;

    public WatchedReference(Object referent) {
        super(referent);
        this.description = Describe.object(referent);
    }

    public String key() {
        return key;
    }

    /** What the referent looked like when it was watched: its class and a short rendering. */
    public String description() {
        return description;
    }
}
