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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
    static CompletableFuture<Void> SHUTDOWN = new CompletableFuture<>();
    static final ThreadLocal<Registry> HOLDER = new ThreadLocal<>();

    @AfterEach
    void release() {
        ACTIVE.clear();
        BY_USER.clear();
        BY_SEAT.clear();
        CALLBACKS.clear();
        MEMO.clear();
        registry = new Registry();
        SHUTDOWN = new CompletableFuture<>();
        HOLDER.remove();
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
                .hasMessageContaining("a ThreadLocal's value in thread 'leakproof-pooled-worker', never removed "
                        + "(Thread.threadLocals)");
    }

    @Test
    @DisplayName("through a task waiting in a scheduler's queue: the JDK's holder named in words, not folded")
    void scheduledTask() throws InterruptedException {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            var held = watch(() -> {
                Session session = new Session("hana");
                scheduler.scheduleAtFixedRate(() -> System.out.println(session.user()), 1, 1, TimeUnit.HOURS);
                return session;
            });

            assertThatThrownBy(() -> assertThat(held).isCollectable())
                    .isInstanceOf(LeakAssertionError.class)
                    .hasMessageContaining("a task waiting in a ScheduledThreadPoolExecutor's queue "
                            + "(ScheduledThreadPoolExecutor$DelayedWorkQueue.queue)")
                    .hasMessageContaining("a lambda in LeakExplanationTest, capturing arg$1");
        } finally {
            scheduler.shutdownNow();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("held along two paths: shows the shortest, and the other one too")
    void twoPaths() {
        var held = watch(() -> {
            Session session = new Session("lea");
            Registry registry = new Registry();
            registry.shelf.sessions.add(session);
            HOLDER.set(registry);
            ACTIVE.add(session);
            return session;
        });

        assertThatThrownBy(() -> assertThat(held).isCollectable())
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("It is also held along another path, which a fix must release as well:")
                .hasMessageContaining("▶ static LeakExplanationTest.ACTIVE")
                .hasMessageContaining("a ThreadLocal's value in thread 'main', never removed (Thread.threadLocals)")
                .hasMessageContaining("▶ LeakExplanationTest$Shelf.sessions");
    }

    @Test
    @DisplayName("held along one path: says nothing of another")
    void onePathOnly() {
        var held = watch(() -> {
            Session session = new Session("max");
            ACTIVE.add(session);
            return session;
        });

        assertThatThrownBy(() -> assertThat(held).isCollectable())
                .hasMessageContaining("▶ static LeakExplanationTest.ACTIVE")
                .hasMessageNotContaining("another path");
    }

    @Test
    @DisplayName("through a shutdown hook: the JDK's holder named in words")
    void shutdownHook() {
        Thread[] hook = new Thread[1];
        var held = watch(() -> {
            Session session = new Session("kai");
            hook[0] = new Thread(() -> System.out.println(session.user()), "flush-on-exit");
            Runtime.getRuntime().addShutdownHook(hook[0]);
            return session;
        });
        try {
            assertThatThrownBy(() -> assertThat(held).isCollectable())
                    .isInstanceOf(LeakAssertionError.class)
                    .hasMessageContaining("a shutdown hook, registered with Runtime.addShutdownHook (ApplicationShutdownHooks.hooks)")
                    .hasMessageContaining("a lambda in LeakExplanationTest, capturing arg$1");
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook[0]);
        }
    }

    @Test
    @DisplayName("through a callback on a future that has not completed: the JDK's holder named in words")
    void pendingFutureDependent() {
        var held = watch(() -> {
            Session session = new Session("ivan");
            SHUTDOWN.thenRun(() -> System.out.println(session.user()));
            return session;
        });

        assertThatThrownBy(() -> assertThat(held).isCollectable())
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("▶ static LeakExplanationTest.SHUTDOWN")
                .hasMessageContaining("a dependent of a pending CompletableFuture: a callback (whenComplete, thenRun, …) "
                        + "waiting for it to complete (CompletableFuture.stack)");
    }

    @Test
    @DisplayName("through a ThreadLocal whose value is the learner's object: the ThreadLocal is named, not folded")
    void threadLocalBeforeYourCode() {
        var held = watch(() -> {
            Session session = new Session("jun");
            Registry registry = new Registry();
            registry.shelf.sessions.add(session);
            HOLDER.set(registry);
            return session;
        });

        assertThatThrownBy(() -> assertThat(held).isCollectable())
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("a ThreadLocal's value in thread 'main', never removed (Thread.threadLocals)")
                .hasMessageContaining("▶ LeakExplanationTest$Registry.shelf");
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
    @DisplayName("for growth: ranks first what grew by a whole number per operation, objects before the arrays they drag along")
    void growthRanksWhatFollowsTheOperations() {
        List<Object[]> traces = new ArrayList<>();
        try {
            assertThatThrownBy(() -> assertThat(entries(registry.shelf.sessions))
                    .whileRepeating(2_000, i -> {
                        registry.shelf.sessions.add(new Session("user-" + i));
                        for (int frame = 0; frame < 6; frame++) {
                            traces.add(new Object[] {i, frame}); // six arrays per operation, as a stack trace keeps
                        }
                    })
                    .growsByAtMost(10))
                    .isInstanceOf(LeakAssertionError.class)
                    .hasMessageContaining("What grew (live instances, before → after the work):" + System.lineSeparator()
                            + "        +2,000  dev.leakproof.LeakExplanationTest$Session  (1 per operation)")
                    .hasMessageContaining("  (6 per operation)");
        } finally {
            traces.clear();
        }
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
