package dev.leakproof;

import static dev.leakproof.LeakAssertions.allocatedBytes;
import static dev.leakproof.LeakAssertions.directMemory;
import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.entries;
import static dev.leakproof.LeakAssertions.liveInstances;
import static dev.leakproof.LeakAssertions.measure;
import static dev.leakproof.LeakAssertions.openFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("assertThat(measure).whileRepeating(...)")
class GrowthAssertTest {

    private final List<Entry> unbounded = new ArrayList<>();
    private final Deque<Entry> bounded = new ArrayDeque<>();

    @Test
    @DisplayName("passes when entries stay under the bound while the work grows a hundredfold")
    void passesForABoundedCollection() {
        assertThat(entries(bounded)).whileRepeating(10_000, i -> addBounded(new Entry(i))).growsByAtMost(50);
    }

    @Test
    @DisplayName("fails for entries that only grow, showing the bound, the sparkline and the readings")
    void failsForAnUnboundedCollection() {
        assertThatThrownBy(() -> assertThat(entries(unbounded))
                .whileRepeating(10_000, i -> unbounded.add(new Entry(i)))
                .growsByAtMost(50))
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("to grow by at most 50")
                .hasMessageContaining("grew by 10,000")
                .hasMessageContaining("100 → 10,000 (100×)")
                .hasMessageMatching("(?s).*[▁▂▃▄▅▆▇█]{12}.*")
                .hasMessageContaining("[100, ");
    }

    @Test
    @DisplayName("measures growth from the reading before the first operation")
    void measuresFromTheBaseline() {
        Map<Integer, Entry> map = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            map.put(-i - 1, new Entry(i));
        }

        assertThat(entries(map)).whileRepeating(100, i -> map.put(i % 10, new Entry(i))).growsByAtMost(10);
    }

    @Test
    @DisplayName("says what the growth is measured from: the reading before the first operation, and the one after")
    void showsTheBaseline() {
        Map<Integer, Entry> map = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            map.put(-i - 1, new Entry(i));
        }

        assertThatThrownBy(() -> assertThat(entries(map))
                .whileRepeating(10_000, i -> map.put(i, new Entry(i)))
                .growsByAtMost(100))
                .hasMessageContaining("but it grew by 10,000 (from 200 to 10,200) after 10,000 operations.")
                .hasMessageContaining("growth        ")
                .hasMessageContaining("readings      200 before the first operation, then [300, ");
    }

    @Test
    @DisplayName("says what a cost per operation is measured from, and how much it grew in all")
    void showsTheBaselinePerOperation() {
        long[] widgets = {500};

        assertThatThrownBy(() -> assertThat(measure("widgets", () -> widgets[0]))
                .whileRepeating(100, i -> widgets[0] += 10)
                .growsByAtMostPerOperation(5))
                .hasMessageContaining("but it grew by 1,000 over the first 100 operations (from 500 to 1,500), "
                        + "10 per operation.")
                .hasMessageContaining("readings      500 before the first operation, then [510, ");
    }

    @Test
    @DisplayName("draws costs per operation from zero: equal costs as equal bars, a little noise as no swing")
    void drawsCostsPerOperationFromZero() {
        long[] bytes = {0};

        assertThatThrownBy(() -> assertThat(measure("bytes", () -> bytes[0]))
                .whileRepeating(100, i -> bytes[0] += 1_000 + i % 3)
                .growsByAtMostPerOperation(500))
                .hasMessageMatching("(?s).*\\n  per operation (█)+  1,00\\d → 1,00\\d\\R.*");
    }

    @Test
    @DisplayName("counts live instances exactly: garbage does not count, retained objects do")
    void countsLiveInstances() {
        assertThat(liveInstances(Entry.class)).whileRepeating(20_000, i -> addBounded(new Entry(i))).growsByAtMost(50);

        assertThatThrownBy(() -> assertThat(liveInstances(Entry.class))
                .whileRepeating(20_000, i -> unbounded.add(new Entry(i)))
                .growsByAtMost(50))
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("live Entry instances")
                .hasMessageContaining("grew by 20,000");
    }

    @Test
    @DisplayName("bounds what one operation allocates, and catches a cost that grows with the work done")
    void boundsAllocationPerOperation() {
        assertThat(allocatedBytes()).whileRepeating(2_000, i -> consume(new byte[1_000])).growsByAtMostPerOperation(2_048);

        List<Integer> history = new ArrayList<>();
        assertThatThrownBy(() -> assertThat(allocatedBytes())
                .whileRepeating(2_000, i -> {
                    history.add(i);
                    consume(new ArrayList<>(history)); // copies everything so far: cost grows with i
                })
                .growsByAtMostPerOperation(2_048))
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("per operation")
                .as("allocation is garbage: live instances cannot show where it went")
                .hasMessageNotContaining("What grew");
    }

    @Test
    @DisplayName("sees allocation on other threads with allocatedBytesByAllThreads()")
    void seesOtherThreadsAllocation() throws Exception {
        java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            worker.submit(() -> { }).get(); // start the worker before the baseline
            assertThatThrownBy(() -> assertThat(LeakAssertions.allocatedBytesByAllThreads())
                    .whileRepeating(200, i -> {
                        try {
                            worker.submit(() -> consume(new byte[64 * 1024])).get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .growsByAtMostPerOperation(16 * 1024))
                    .isInstanceOf(LeakAssertionError.class)
                    .hasMessageContaining("allocated bytes (all threads)");
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @DisplayName("names the files still open when open files grow, most descriptors first")
    void namesTheFilesLeftOpen(@TempDir Path dir) throws IOException {
        Path log = Files.writeString(dir.resolve("gateway.log"), "ERROR card declined\n");
        List<InputStream> leaked = new ArrayList<>();
        try {
            assertThatThrownBy(() -> assertThat(openFiles())
                    .whileRepeating(100, i -> leaked.add(open(log)))
                    .growsByAtMost(10))
                    .isInstanceOf(LeakAssertionError.class)
                    .hasMessageContaining("Expected open files to grow by at most 10")
                    .hasMessageContaining("What is still open (new descriptors, by file):")
                    .hasMessageContaining("+100  " + log)
                    .hasMessageNotContaining("live instances");
        } finally {
            for (InputStream in : leaked) {
                in.close();
            }
        }
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("reads direct memory: buffers let go of are freed before each reading, buffers held grow it")
    void readsDirectMemory() {
        assertThat(directMemory())
                .whileRepeating(200, i -> ByteBuffer.allocateDirect(64 * 1024).putInt(0, i))
                .growsByAtMost(64 * 1024)
                .growsByAtMostPerOperation(1_024);

        List<ByteBuffer> held = new ArrayList<>();
        assertThatThrownBy(() -> assertThat(directMemory())
                .whileRepeating(200, i -> held.add(ByteBuffer.allocateDirect(64 * 1024)))
                .growsByAtMostPerOperation(1_024))
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("Expected direct memory to grow by at most 1.0 KiB per operation")
                .hasMessageContaining("but it grew by 12.5 MiB over the first 200 operations")
                .hasMessageContaining("64.0 KiB per operation")
                .hasMessageContaining("java.nio.DirectByteBuffer");
        held.clear();
    }

    @Test
    @DisplayName("leaves its own bookkeeping out of what grew: only the objects the work kept are listed")
    void leavesItsOwnBookkeepingOut() {
        List<Entry> kept = new ArrayList<>();
        assertThatThrownBy(() -> assertThat(entries(kept)).whileRepeating(10, i -> kept.add(new Entry(i))).growsByAtMost(5))
                .as("warm-up: the assertion's classes loaded once");
        kept.clear();

        assertThatThrownBy(() -> assertThat(entries(kept))
                .whileRepeating(101, i -> kept.add(new Entry(1_000 + i)))
                .growsByAtMost(50))
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageMatching("(?s).*What grew \\(live instances, before → after the work\\):\\R"
                        + " +\\+101  dev\\.leakproof\\.GrowthAssertTest\\$Entry  \\(1 per operation\\)\\R.*")
                .as("the snapshot before the work, and the readings, are the toolkit's")
                .hasMessageNotContaining("java.util.HashMap$Node")
                .hasMessageNotContaining("java.lang.String")
                .hasMessageNotContaining("java.lang.Long");
    }

    @Test
    @DisplayName("prints a bound and a growth near it with the digits it takes for them to differ")
    void figuresNearTheBoundDiffer() {
        long[] bytes = {0};

        assertThatThrownBy(() -> assertThat(new Measure("cached bytes", Measure.Unit.BYTES, () -> bytes[0]))
                .whileRepeating(100, i -> bytes[0] += 10_530)
                .growsByAtMost(1024 * 1024))
                .hasMessageContaining("to grow by at most 1.000 MiB while")
                .hasMessageContaining("but it grew by 1.004 MiB (from");
    }

    @Test
    @DisplayName("fails early, naming the operation's own slowing down, when each call takes longer than the last")
    void namesAnOperationThatSlowsDown() {
        List<Entry> kept = new ArrayList<>();

        // Each call takes longer than the last, as views wrapping views do: 100,000 calls would take hours.
        assertThatThrownBy(() -> assertThat(entries(kept))
                .whileRepeating(100_000, i -> {
                    kept.add(new Entry(i));
                    spin((long) i * i / 12);
                })
                .growsByAtMost(1_000_000))
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("but each operation took longer than the one before: ")
                .hasMessageMatching("(?s).* at 1,000, .* at 1,520, .*")
                .hasMessageContaining("the operation itself grows")
                .hasMessageContaining("past the 60 s a leak test may take"); // the early verdict, not the time-out's
    }

    @Test
    @DisplayName("takes stalls of a busy machine for what they are: quick operations with two long pauses run to the end")
    void toleratesStalls() {
        assertThat(entries(bounded)).whileRepeating(20_000, i -> {
            addBounded(new Entry(i));
            if (i == 1_200 || i == 1_700) { // in two stretches in a row, as a loaded machine may pause a thread
                spin(300_000_000L);
            }
        }).growsByAtMost(50);
    }

    @Test
    @DisplayName("lets an operation whose cost is steady run to the end")
    void letsASteadyOperationRun() {
        assertThat(entries(bounded)).whileRepeating(2_000, i -> {
            addBounded(new Entry(i));
            spin(20_000);
        }).growsByAtMost(50);
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    @DisplayName("spaces its checkpoints geometrically from 1 % to 100 % of the repetitions")
    void checkpoints() {
        assertThat(GrowthAssert.checkpoints(100_000)).hasSize(12).startsWith(1_000).endsWith(100_000).isSorted();
        assertThat(GrowthAssert.checkpoints(5)).containsExactly(1, 2, 3, 4, 5);
        assertThat(GrowthAssert.checkpoints(1)).containsExactly(1);
    }

    @Test
    @DisplayName("asks for whileRepeating before a bound")
    void needsTheWorkFirst() {
        assertThatThrownBy(() -> assertThat(entries(bounded)).growsByAtMost(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("whileRepeating");
    }

    private void addBounded(Entry entry) {
        if (bounded.size() == 50) {
            bounded.removeFirst();
        }
        bounded.addLast(entry);
    }

    private static volatile Object sink;

    private static void consume(Object object) {
        sink = object;
    }

    record Entry(int id) {
    }
}
