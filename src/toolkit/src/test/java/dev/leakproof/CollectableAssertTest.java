package dev.leakproof;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.leakproof.fixtures.CollectableUnderDisabledExplicitGc;
import dev.leakproof.fixtures.ReleasesElsewhere;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("assertThat(watch(...)).isCollectable()")
class CollectableAssertTest {

    /** A planted leak: a static list, the classic GC root. */
    private static final List<Object> STATIC_HOLDER = new ArrayList<>();

    @AfterEach
    void release() {
        STATIC_HOLDER.clear();
    }

    @Test
    @DisplayName("passes for an object nothing holds")
    void passesForAReleasedObject() {
        assertThat(watch(() -> new byte[1024])).isCollectable();
    }

    @Test
    @DisplayName("detects a leak within its two-second budget, and explains it")
    void failsForAnObjectStillHeld() {
        Watched<Payload> held = watch(() -> {
            Payload payload = new Payload("order-42");
            STATIC_HOLDER.add(payload);
            return payload;
        });
        Throwable failure = catchThrowable(() -> assertThat(held).isCollectable());

        assertThat(failure)
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("Payload[id=order-42]")
                .hasMessageContaining("to be collectable");
        Matcher detection = Pattern.compile("after (\\d+) ms of forced").matcher(failure.getMessage());
        assertThat(detection.find()).isTrue();
        assertThat(Long.parseLong(detection.group(1))).as("milliseconds to detect the leak").isLessThan(2_000);
        assertThat(failure).hasMessageContaining("▶ static CollectableAssertTest.STATIC_HOLDER");
    }

    @Test
    @DisplayName("keeps the description given with as(...)")
    void keepsTheDescription() {
        Watched<Payload> held = watch(() -> {
            Payload payload = new Payload("order-7");
            STATIC_HOLDER.add(payload);
            return payload;
        });

        assertThatThrownBy(() -> assertThat(held).as("the cancelled order").isCollectable())
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageStartingWith("[the cancelled order] ");
    }

    @Test
    @DisplayName("staysReachable() passes for an object held strongly, and fails with a plain assertion for one held only weakly")
    void staysReachable() {
        Watched<Payload> held = watch(() -> {
            Payload payload = new Payload("subscriber-1");
            STATIC_HOLDER.add(payload);
            return payload;
        });
        assertThat(held).staysReachable();

        java.util.Map<Payload, Boolean> weakly = new java.util.WeakHashMap<>();
        Watched<Payload> weak = watch(() -> {
            Payload payload = new Payload("subscriber-2");
            weakly.put(payload, true);
            return payload;
        });
        Throwable failure = catchThrowable(() -> assertThat(weak).as("the open subscription").staysReachable());
        assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .isNotInstanceOf(LeakAssertionError.class)
                .hasMessageStartingWith("[the open subscription] ")
                .hasMessageContaining("Payload[id=subscriber-2]")
                .hasMessageContaining("to stay reachable, but it was garbage collected by forced full collection 1 of 2")
                .hasMessageContaining("WeakHashMap");
    }

    @Test
    @DisplayName("refuses a creator that returns null")
    void refusesNull() {
        assertThatThrownBy(() -> watch(() -> null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("still forces collections under -XX:+DisableExplicitGC, in both directions")
    void worksWithExplicitGcDisabled() {
        ForkedRun run = ForkedJvm.withMaxHeap("64m")
                .withOption("-XX:+DisableExplicitGC")
                .run(CollectableUnderDisabledExplicitGc.class);

        assertThat(run).succeeded();
        assertThat(run.output()).contains("released: collectable", "held: leak reported");
    }

    @Test
    @DisplayName("reports a held object as soon as nothing else can release it, yet waits for releases on other threads")
    void provesALeakAtOnceButWaitsForOtherThreads() {
        // A JVM of its own: no thread of another test about, as in a lesson's test JVM.
        ForkedRun run = ForkedJvm.withMaxHeap("64m").run(ReleasesElsewhere.class);

        assertThat(run).succeeded();
        assertThat(run.output()).contains("held: held (proven)", "exit callback: cleared",
                "held after a child process: held (proven)", "thread: cleared", "finalizer: cleared", "cleaner: cleared");
    }

    record Payload(String id) {
    }
}
