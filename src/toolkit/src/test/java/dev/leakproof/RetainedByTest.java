package dev.leakproof;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.retainedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("retainedBy(component): the bytes reachable from it, whatever classes hold them")
class RetainedByTest {

    /** A cache whose main map is bounded, and whose side map of load times is not: a near miss. */
    static final class SideMapCache {
        private final Map<String, String> entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > 100;
            }
        };
        private final Map<String, Long> loadedAt = new HashMap<>();
        private final boolean trimmed;

        SideMapCache(boolean trimmed) {
            this.trimmed = trimmed;
        }

        String get(String key) {
            return entries.computeIfAbsent(key, k -> {
                loadedAt.put(k, System.nanoTime());
                if (trimmed) {
                    loadedAt.keySet().retainAll(entries.keySet());
                }
                return "value of " + k;
            });
        }
    }

    /** Keys in arrival order, never trimmed, beside a bounded map. */
    static final class ArrivalOrder {
        private final Map<Integer, byte[]> recent = new HashMap<>();
        private final Deque<Integer> arrivals = new ArrayDeque<>();

        void add(int key) {
            arrivals.addLast(key);
            recent.put(key, new byte[16]);
            recent.remove(key - 10);
        }
    }

    static final class Holder {
        Object first;
        Object second;
        Object weak;
        Class<?> type;
    }

    /** Its static array is the class's, not any instance's. */
    static final class WithStatics {
        static final byte[] TABLE = new byte[1_000_000];
    }

    @Test
    @DisplayName("passes for a cache whose side map is trimmed with its main map")
    void passesForABoundedComponent() {
        SideMapCache cache = new SideMapCache(true);
        for (int i = 0; i < 200; i++) {
            cache.get("warm-" + i);
        }

        assertThat(retainedBy(cache)).whileRepeating(5_000, i -> cache.get("user-" + i)).growsByAtMost(16 * 1024);
    }

    @Test
    @DisplayName("catches a side map that only grows beside a bounded main map, naming the field and what it holds")
    void catchesAnUnboundedSideMap() {
        SideMapCache cache = new SideMapCache(false);

        assertThatThrownBy(() -> assertThat(retainedBy(cache))
                .whileRepeating(5_000, i -> cache.get("user-" + i))
                .growsByAtMost(64 * 1024))
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("Expected bytes retained by the SideMapCache to grow by at most 64.0 KiB")
                .hasMessageContaining("What grew inside the RetainedByTest$SideMapCache (objects reachable from it")
                .hasMessageMatching("(?s).*through its fields\\R +\\+[0-9.]+ KiB  ▶ RetainedByTest\\$SideMapCache"
                        + "\\.loadedAt\\R.*")
                .hasMessageMatching("(?s).*\\+[0-9.]+ KiB +\\+5,000  java\\.util\\.HashMap\\$Node\\R.*")
                .hasMessageContaining("A sample of the grown HashMap$Node, from the component")
                .hasMessageContaining("RetainedByTest$SideMapCache (the component)")
                .hasMessageContaining("▶ RetainedByTest$SideMapCache.loadedAt")
                .hasMessageMatching("(?s).*\\R +HashMap\\[\"user-\\d+\"]\\R.*");
    }

    @Test
    @DisplayName("catches a deque of keys never trimmed, whichever class it keeps them in")
    void catchesADequeNeverTrimmed() {
        ArrivalOrder order = new ArrivalOrder();

        assertThatThrownBy(() -> assertThat(retainedBy(order))
                .whileRepeating(20_000, order::add)
                .growsByAtMost(16 * 1024))
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("▶ RetainedByTest$ArrivalOrder.arrivals")
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    @DisplayName("sizes objects as a 64-bit JVM with compressed references lays them out, under every collector")
    void sizesByTheModel() {
        Object[] component = {new byte[100]};

        // Object[1]: 16 + 4 → 24; byte[100]: 16 + 100 → 120
        assertThat(retainedBy(component).read()).isEqualTo(24 + 120);
    }

    @Test
    @DisplayName("counts an object reached twice once, and follows neither a weak or soft referent nor a class")
    void countsOnceAndOnlyStrongReferences() {
        byte[] shared = new byte[1_000];
        Holder holder = new Holder();
        long empty = retainedBy(holder).read();
        holder.first = shared;
        holder.second = shared;
        long once = retainedBy(holder).read();
        holder.weak = new WeakReference<>(new byte[100_000]);
        holder.type = WithStatics.class;
        long withWeak = retainedBy(holder).read();
        Object soft = new SoftReference<>(shared);
        holder.weak = soft;
        long withSoft = retainedBy(holder).read();

        assertThat(once - empty).as("byte[1000] counted once").isEqualTo(1_016);
        assertThat(withWeak - once).as("a WeakReference, not its referent nor the class's statics")
                .isLessThan(100);
        assertThat(withSoft - once).as("a SoftReference, not its referent").isLessThan(100);
        assertThat(holder.first).isSameAs(shared);
    }

    @Test
    @DisplayName("does not follow an executor's threads into their group, and so to every other thread")
    void skipsThreads() throws Exception {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        byte[] bystanders = new byte[1 << 20];
        Thread bystander = new Thread(() -> {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            java.lang.ref.Reference.reachabilityFence(bystanders); // held by this thread until the test ends
        }, "bystander");
        bystander.start();
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            executor.submit(() -> { }).get();

            assertThat(retainedBy(executor).read()).as("an executor with one idle thread").isLessThan(16 * 1024);
        } finally {
            executor.shutdownNow();
            done.countDown();
            bystander.join();
        }
    }

    @Test
    @DisplayName("does not follow a reference into the queue it is registered with, nor to the references waiting there")
    void skipsAReferenceQueue() {
        ReferenceQueue<byte[]> queue = new ReferenceQueue<>();
        List<WeakReference<byte[]>> waiting = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            WeakReference<byte[]> reference = new WeakReference<>(new byte[64], queue);
            reference.enqueue();
            waiting.add(reference);
        }
        Holder holder = new Holder();
        long empty = retainedBy(holder).read();
        holder.weak = new WeakReference<>(new byte[64], queue);

        assertThat(retainedBy(holder).read() - empty).as("a WeakReference registered with a queue of 1,000")
                .isLessThan(100);
        assertThat(waiting).hasSize(1_000);
    }
}
