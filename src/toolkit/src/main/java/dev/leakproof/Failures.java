package dev.leakproof;

import org.assertj.core.api.WritableAssertionInfo;

/** Builds leak failures that keep the description a test gave with {@code as(...)}. */
final class Failures {

    private Failures() {
    }

    static LeakAssertionError leak(WritableAssertionInfo info, String message) {
        String description = info.descriptionText();
        String prefix = description == null || description.isEmpty() ? "" : "[" + description + "] ";
        return new LeakAssertionError(prefix + message);
    }
}
