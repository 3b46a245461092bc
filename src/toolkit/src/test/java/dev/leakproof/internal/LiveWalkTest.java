package dev.leakproof.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandles;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A reading of what a component reaches, on the live objects")
class LiveWalkTest {

    record Login(String user, Instant at, int attempt) {
    }

    /** A listener registry of the lessons' kind: lambdas that capture, inner classes, weak keys. */
    static final class Registry {
        private final Map<String, List<Runnable>> bySymbol = new ConcurrentHashMap<>();
        private final WeakHashMap<Object, String> owners = new WeakHashMap<>();
        private final Object[] recent = new Object[8];
        private final long[] counts = new long[3];
        private final boolean[] flags = new boolean[5];
        private char grade = 'a';
        private final AtomicReference<Login> last = new AtomicReference<>();
        private final Thread worker = new Thread(() -> { }, "not counted");
        private final Class<?> type = Registry.class;

        void add(String symbol, Login login) {
            bySymbol.computeIfAbsent(symbol, s -> new CopyOnWriteArrayList<>()).add(() -> last.set(login));
            owners.put(login, symbol);
            recent[login.attempt() % recent.length] = login;
            counts[login.attempt() % 3]++;
            flags[login.attempt() % 5] = true;
            grade++;
        }

        final class Subscription implements Runnable {
            @Override
            public void run() {
                bySymbol.clear();
            }
        }
    }

    static Stream<Arguments> components() {
        List<Login> logins = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            logins.add(new Login("user-" + i, Instant.ofEpochSecond(1_700_000_000L + i), i));
        }
        Registry registry = new Registry();
        for (int i = 0; i < 200; i++) {
            registry.add("SYM" + i % 7, logins.get(i));
        }
        Map<String, Login> lru = new LinkedHashMap<>(16, 0.75f, true);
        Map<Integer, Login> tree = new TreeMap<>();
        Map<Object, Login> hashed = new HashMap<>();
        for (Login login : logins) {
            lru.put(login.user(), login);
            tree.put(login.attempt(), login);
            hashed.put(List.of(login.user(), login.attempt()), login);
        }
        CompletableFuture<String> pending = new CompletableFuture<>();
        for (int i = 0; i < 20; i++) {
            Login login = logins.get(i);
            pending.thenRun(() -> login.user().length()).whenComplete((v, e) -> registry.add("late", login));
        }
        Supplier<Login> lambda = () -> logins.get(3);
        return Stream.of(
                Arguments.of("an ArrayList of records", new ArrayList<>(logins), false),
                Arguments.of("a LinkedList and an ArrayDeque of the same records",
                        List.of(new LinkedList<>(logins), new ArrayDeque<>(logins)), true),
                Arguments.of("a registry of lambdas, weak keys, arrays, a thread and a class, sharing strings",
                        registry, true),
                Arguments.of("an inner class and its outer instance", registry.new Subscription(), false),
                Arguments.of("an access-ordered LinkedHashMap", lru, false),
                Arguments.of("a TreeMap", tree, false),
                Arguments.of("a HashMap with list keys", hashed, false),
                Arguments.of("a pending future's dependents", pending, false),
                Arguments.of("a lambda that captures", lambda, false),
                Arguments.of("weak and soft references",
                        List.of(new WeakReference<>(logins), new SoftReference<>(lru)), false),
                Arguments.of("an Optional, a string, boxed values",
                        List.of(Optional.of("x"), "text", 42, 7L, 'c'), false),
                Arguments.of("an array of int arrays", new int[][] {{1, 2, 3}, new int[100], {}}, false),
                Arguments.of("an unmodifiable view", Collections.unmodifiableMap(lru), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("components")
    @DisplayName("gives the figures a heap dump gives: bytes, classes, the component's fields")
    void sameAsTheDump(String what, Object component, boolean sharedBetweenFields) {
        Reachable.Snapshot live = LiveWalk.of(component);
        Reachable.Snapshot dumped = Reachable.fromDump(component);

        assertThat(live).as("the live reading of %s", what).isNotNull();
        assertThat(live.componentClass()).isEqualTo(dumped.componentClass());
        assertThat(live.bytes()).as("bytes").isEqualTo(dumped.bytes());
        assertThat(figures(live.byClass())).as("count and bytes by class").isEqualTo(figures(dumped.byClass()));
        // An object reached through two of the component's fields at the same depth is charged to the
        // first one reached, and dumps of JDK 17 list a class's fields in another order: where objects
        // are shared between fields, only the fields and their total must agree.
        if (sharedBetweenFields) {
            assertThat(live.byField().keySet()).isEqualTo(dumped.byField().keySet());
            assertThat(live.byField().values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(dumped.byField().values().stream().mapToLong(Long::longValue).sum());
        } else {
            assertThat(live.byField()).as("bytes by the component's field").isEqualTo(dumped.byField());
        }
    }

    @Test
    @DisplayName("gives way to the dump for what reflection hides: a method handle's lookup, a Method")
    void givesWayToTheDump() throws Exception {
        assertThat(LiveWalk.of(List.of(MethodHandles.lookup()))).isNull();
        assertThat(LiveWalk.of(List.of(String.class.getMethod("length")))).isNull();
        Reachable.Snapshot read = Reachable.of(List.of(String.class.getMethod("length")));
        assertThat(read.bytes()).as("read from the dump instead").isPositive();
    }

    private static Map<String, List<Long>> figures(Map<String, long[]> byClass) {
        Map<String, List<Long>> figures = new TreeMap<>();
        byClass.forEach((name, counts) -> figures.put(name, List.of(counts[0], counts[1])));
        return figures;
    }
}
