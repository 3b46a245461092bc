package dev.leakproof;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.assertThatPooledThread;
import static dev.leakproof.LeakAssertions.entries;
import static dev.leakproof.LeakAssertions.liveInstances;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Planted leaks of every common shape: the failure message must show the path from a GC root and
 * name the field, key or thread that holds the leaked object.
 */
@DisplayName("A failing leak assertion explains what holds the leaked object")
class LeakExplanationTest {

    static final List<Session> ACTIVE = new ArrayList<>();
    static final Map<String, Session> BY_USER = new HashMap<>();
    static final Map<Seat, Session> BY_SEAT = new HashMap<>();
    static final List<Runnable> CALLBACKS = new ArrayList<>();
    static final ThreadLocal<Session> CURRENT = new ThreadLocal<>();
    static Registry registry = new Registry();
    static final List<SoftReference<Session>> MEMO = new ArrayList<>();

    @AfterEach
    void release() {
        ACTIVE.clear();
        BY_USER.clear();
        BY_SEAT.clear();
        CALLBACKS.clear();
        MEMO.clear();
        registry = new Registry();
    }

    record Session(String user) {
    }

    record Seat(String attendee, String room) {
    }

    static final class Registry {
        final Shelf shelf = new Shelf();
    }

    static final class Shelf {
        final List<Session> sessions = new ArrayList<>();
    }

    /** Registers an inner-class callback: it keeps its enclosing Screen alive. */
    static final class Screen {
        final String title;

        Screen(String title) {
            this.title = title;
        }

        void open() {
            CALLBACKS.add(new Refresher());
        }

        final class Refresher implements Runnable {
            @Override
            public void run() {
                System.out.println("refreshing " + title);
            }
        }
    }

    @Test
    @DisplayName("through a static field")
    void staticField() {
        var held = watch(() -> {
            Session session = new Session("alice");
            ACTIVE.add(session);
            return session;
        });

        assertThatThrownBy(() -> assertThat(held).isCollectable())
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("What holds it, from a GC root")
                .hasMessageContaining("▶ static LeakExplanationTest.ACTIVE")
                .hasMessageContaining("ArrayList[0]")
                .hasMessageContaining("= LeakExplanationTest$Session (the leaked object)");
    }

    @Test
    @DisplayName("through a map whose key is a record: the key shown with its components, not an id")
    void recordKey() {
        var held = watch(() -> {
            Session session = new Session("frank");
            BY_SEAT.put(new Seat("frank", "breakout-1"), session);
            return session;
        });

        assertThatThrownBy(() -> assertThat(held).isCollectable())
                .hasMessageContaining("▶ static LeakExplanationTest.BY_SEAT")
                .hasMessageContaining("HashMap[LeakExplanationTest$Seat[attendee=\"frank\", room=\"breakout-1\"]]");
    }

    @Test
    @DisplayName("through a chain of instance fields")
    void instanceFieldChain() {
        var held = watch(() -> {
            Session session = new Session("bob");
            registry.shelf.sessions.add(session);
            return session;
        });

        assertThatThrownBy(() -> assertThat(held).isCollectable())
                .hasMessageContaining("static LeakExplanationTest.registry")
                .hasMessageContaining("LeakExplanationTest$Registry.shelf")
                .hasMessageContaining("LeakExplanationTest$Shelf.sessions");
    }

    @Test
    @DisplayName("through a map value, shown by its key")
    void mapValue() {
        var held = watch(() -> {
            Session session = new Session("carol");
            BY_USER.put("carol", session);
            return session;
        });

        assertThatThrownBy(() -> assertThat(held).isCollectable())
                .hasMessageContaining("static LeakExplanationTest.BY_USER")
                .hasMessageContaining("HashMap[\"carol\"]");
    }

    @Test
    @DisplayName("through a ThreadLocal on a pooled thread, naming the thread")
    void threadLocalOnAPooledThread() {
        assertThatThrownBy(() -> assertThatPooledThread()
                .afterTask(() -> new Session("dave"), CURRENT::set)
                .retainsNothingFromTheTask())
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("GC root: thread 'leakproof-pooled-worker'")
                .hasMessageContaining("Thread.threadLocals: a ThreadLocal's value, never removed");
    }

    @Test
    @DisplayName("through a SoftReference only: described as soft, not as strong or weak")
    void softReference() {
        var held = watch(() -> {
            Session session = new Session("gina");
            MEMO.add(new SoftReference<>(session));
            return session;
        });

        assertThatThrownBy(() -> assertThat(held).isCollectable())
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("▶ static LeakExplanationTest.MEMO")
                .hasMessageContaining("SoftReference.referent: softly reachable: a SoftReference is cleared only when "
                        + "the heap is nearly full")
                .hasMessageNotContaining("only weakly reachable");
    }

    @Test
    @DisplayName("through an inner class's reference to its enclosing instance")
    void innerClassOuterReference() {
        var held = watch(() -> {
            Screen screen = new Screen("orders");
            screen.open();
            return screen;
        });

        assertThatThrownBy(() -> assertThat(held).isCollectable())
                .hasMessageContaining("static LeakExplanationTest.CALLBACKS")
                .hasMessageContaining("LeakExplanationTest$Screen$Refresher.this$0: the enclosing instance");
    }

    @Test
    @DisplayName("through a lambda's captured variable")
    void lambdaCapture() {
        Consumer<Session> subscribe = session -> CALLBACKS.add(() -> System.out.println(session.user()));
        var held = watch(() -> {
            Session session = new Session("erin");
            subscribe.accept(session);
            return session;
        });

        assertThatThrownBy(() -> assertThat(held).isCollectable())
                .hasMessageContaining("static LeakExplanationTest.CALLBACKS")
                .hasMessageContaining("a lambda in LeakExplanationTest, capturing arg$1");
    }

    @Test
    @DisplayName("for growth: names the classes that grew, and what holds them")
    void growthNamesWhatGrew() {
        assertThatThrownBy(() -> assertThat(entries(registry.shelf.sessions))
                .whileRepeating(2_000, i -> registry.shelf.sessions.add(new Session("user-" + i)))
                .growsByAtMost(10))
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("What grew (live instances, before → after the work):")
                .hasMessageContaining("+2,000  dev.leakproof.LeakExplanationTest$Session")
                .hasMessageContaining("Instances of dev.leakproof.LeakExplanationTest$Session are held like this:")
                .hasMessageContaining("LeakExplanationTest$Shelf.sessions");
    }

    @Test
    @DisplayName("for live instances: traces the counted class")
    void liveInstancesTracesTheCountedClass() {
        assertThatThrownBy(() -> assertThat(liveInstances(Session.class))
                .whileRepeating(1_000, i -> BY_USER.put("user-" + i, new Session("user-" + i)))
                .growsByAtMost(10))
                .hasMessageContaining("static LeakExplanationTest.BY_USER")
                .hasMessageContaining("HashMap[\"user-");
    }
}
