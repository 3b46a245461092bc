package dev.leakproof;

import dev.leakproof.internal.Describe;
import dev.leakproof.internal.Histogram;
import dev.leakproof.internal.LeakTracer;
import dev.leakproof.internal.OpenFiles;
import dev.leakproof.internal.Reachable;
import dev.leakproof.internal.Sparkline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions that a {@link Measure} stays bounded while an operation is repeated many times.
 *
 * <pre>{@code
 * assertThat(entries(cache::size))
 *         .whileRepeating(100_000, i -> cache.lookup("user-" + i))
 *         .growsByAtMost(1_000);
 * }</pre>
 *
 * <p>The measure is read once before the first operation (the baseline) and then at checkpoints
 * spaced geometrically from 1 % to 100 % of the repetitions, so a failure shows how the reading
 * moved while the work grew a hundredfold.
 */
public final class GrowthAssert extends AbstractAssert<GrowthAssert, Measure> {

    private static final int CHECKPOINTS = 12;
    /** A reading of a costly measure dumps the heap: a few checkpoints show a growth as well. */
    private static final int COSTLY_CHECKPOINTS = 4;
    private static final int CLASSES_NAMED = 5;

    /** How long a leak test may take ({@link LeakTest}'s time-out): work projected past it fails early. */
    static final long BUDGET_NANOS = 60_000_000_000L;
    /** How much longer an operation must take than at the start before its slowing down is judged. */
    private static final int SLOWDOWN = 10;
    /** Shorter stretches of work are too short to time: a pause of the collector could dominate them. */
    private static final long TIMED_NANOS = 20_000_000L;

    private long baseline;
    /** Operations done and readings, at each checkpoint: arrays, filled in place (see {@link #classesThatGrew()}). */
    private int[] operations;
    private long[] readings;
    private int times;
    /** The live instances before the work, kept compact (see {@link #classesThatGrew()}). */
    private CompactHistogram instancesBefore;
    private Map<String, String> fileTargetsBefore = Map.of();
    private Reachable.Snapshot reachableBefore;
    private Reachable.Snapshot reachableAfter;

    GrowthAssert(Measure actual) {
        super(actual, GrowthAssert.class);
    }

    /**
     * Runs {@code operation} with the indices {@code 0 .. times-1}, reading the measure at each
     * checkpoint. The assertions that follow judge those readings.
     */
    public GrowthAssert whileRepeating(int times, IntConsumer operation) {
        isNotNull();
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        this.times = times;
        List<Integer> points = checkpoints(times, actual.costly() ? COSTLY_CHECKPOINTS : CHECKPOINTS);
        // Filled in place: what this assertion allocates during the work must not show as what grew.
        int[] done = new int[points.size()];
        long[] read = new long[points.size()];
        long[] nanos = new long[points.size()];
        operations = null;
        readings = null;
        // The baseline first: what a measure sets up on its first reading is then in the snapshot too.
        baseline = read();
        reachableBefore = reachableAfter;
        // A snapshot now, so a failure can name what grew: classes, or files.
        if (actual.explanation() == Measure.Explanation.OPEN_FILES) {
            fileTargetsBefore = OpenFiles.targets();
        } else if (actual.explanation() == Measure.Explanation.HEAP) {
            instancesBefore = null; // an earlier run's snapshot must not count in this one's
            instancesBefore = new CompactHistogram(Histogram.liveInstances());
        }
        long started = System.nanoTime();
        int next = 0;
        for (int i = 0; i < done.length; i++) {
            long segment = System.nanoTime();
            while (next < points.get(i)) {
                operation.accept(next++);
            }
            nanos[i] = System.nanoTime() - segment;
            done[i] = next;
            read[i] = read();
            failIfSlowingDown(done, nanos, i, System.nanoTime() - started);
        }
        operations = done;
        readings = read;
        return this;
    }

    private long read() {
        if (actual.explanation() != Measure.Explanation.REACHABLE) {
            return actual.read();
        }
        reachableAfter = Reachable.of(actual.component());
        return reachableAfter.bytes();
    }

    /**
     * Fails at checkpoint {@code i} when an operation now takes far longer than at the start, and
     * did already at the checkpoint before, and the rest of the work, at that growing pace, would
     * take past the budget: the operation itself grows, and a bare time-out would not say so. Only
     * once a sixth of the budget (10 s) is spent on the work: before that, a stall of a busy machine
     * (tens of milliseconds) can look like a slowdown of operations that take microseconds.
     */
    private void failIfSlowingDown(int[] done, long[] nanos, int i, long elapsed) {
        if (i < 2 || elapsed < BUDGET_NANOS / 6 || nanos[0] <= 0 || nanos[i] < TIMED_NANOS
                || nanos[i - 1] < TIMED_NANOS) {
            return;
        }
        double first = perOperation(done, nanos, 0);
        double now = perOperation(done, nanos, i);
        if (now < SLOWDOWN * first || perOperation(done, nanos, i - 1) < SLOWDOWN / 2.0 * first) {
            return;
        }
        // Time per operation as a power of the operations done, fitted from the first stretch to this one.
        double middleFirst = done[0] / 2.0;
        double middleNow = (done[i - 1] + done[i]) / 2.0;
        double power = Math.min(2, Math.log(now / first) / Math.log(middleNow / middleFirst));
        double remaining = now / Math.pow(middleNow, power) / (power + 1)
                * (Math.pow(times, power + 1) - Math.pow(done[i], power + 1));
        if (elapsed + remaining <= BUDGET_NANOS) {
            return;
        }
        StringBuilder paces = new StringBuilder();
        List<Long> perOperation = new ArrayList<>();
        for (int k = 0; k <= i; k++) {
            perOperation.add((long) perOperation(done, nanos, k));
            paces.append(k == 0 ? "" : ", ").append(Describe.duration(perOperation(done, nanos, k)))
                    .append(" at ").append(Describe.count(done[k]));
        }
        throw Failures.leak(info, String.format(
                "Expected each operation to take about as long as the first ones while %s,%n"
                        + "but each operation took longer than the one before: %s (%d× as long).%n"
                        + "At that pace the other %s operations would take about %s, past the %d s a leak test "
                        + "may take: the operation itself grows, as when each call wraps the last one's result "
                        + "or walks everything kept so far.%n"
                        + "  per operation %s  %s → %s",
                work(), paces, Math.round(now / first), Describe.count(times - done[i]),
                Describe.duration(remaining), BUDGET_NANOS / 1_000_000_000L,
                Sparkline.fromZero(perOperation), Describe.duration(first), Describe.duration(now)));
    }

    /** Nanoseconds per operation between the checkpoint before {@code i} and {@code i}. */
    private static double perOperation(int[] done, long[] nanos, int i) {
        return (double) nanos[i] / (done[i] - (i == 0 ? 0 : done[i - 1]));
    }

    private String work() {
        return "the operation was repeated " + Describe.count(times) + " times";
    }

    /** Verifies that no reading rose more than {@code bound} above the baseline. */
    public GrowthAssert growsByAtMost(long bound) {
        requireReadings();
        int worst = 0;
        for (int i = 1; i < readings.length; i++) {
            if (readings[i] >= readings[worst]) {
                worst = i;
            }
        }
        if (readings[worst] - baseline > bound) {
            // Before the message's own objects exist: they must not show as what grew.
            String whatGrew = whatGrew();
            List<Long> growth = Arrays.stream(readings).map(r -> r - baseline).boxed().collect(Collectors.toList());
            String[] figures = actual.unit().formatApart(bound, growth.get(worst));
            throw Failures.leak(info, String.format(
                    "Expected %s to grow by at most %s while %s,%nbut it grew by %s %s after %s.%n%s",
                    actual.name(), figures[0], work(), figures[1], fromBaselineTo(worst),
                    operationCount(operations[worst]),
                    series("growth", growth, Sparkline.of(growth)) + whatGrew));
        }
        return this;
    }

    /**
     * Verifies that, at every checkpoint, the growth above the baseline divided by the operations
     * so far is at most {@code bound}: the cost of one operation does not depend on how many ran.
     */
    public GrowthAssert growsByAtMostPerOperation(long bound) {
        requireReadings();
        List<Long> perOperation = new ArrayList<>();
        for (int i = 0; i < readings.length; i++) {
            perOperation.add((readings[i] - baseline) / operations[i]);
        }
        int worst = indexOfMax(perOperation);
        if (perOperation.get(worst) > bound) {
            String[] figures = actual.unit().formatApart(bound, perOperation.get(worst));
            throw Failures.leak(info, String.format(
                    "Expected %s to grow by at most %s per operation while %s,%nbut it grew by %s over %s %s, "
                            + "%s per operation.%n%s",
                    actual.name(), figures[0], work(),
                    actual.unit().format(readings[worst] - baseline), firstOperations(operations[worst]),
                    fromBaselineTo(worst), figures[1],
                    series("per operation", perOperation, Sparkline.fromZero(perOperation)) + whatGrew()));
        }
        return this;
    }

    /** "1 operation", "10,000 operations". */
    private static String operationCount(int count) {
        return count == 1 ? "1 operation" : String.format("%,d operations", count);
    }

    /** "the first operation", "the first 10,000 operations". */
    private static String firstOperations(int count) {
        return count == 1 ? "the first operation" : "the first " + operationCount(count);
    }

    /** "(from 200 to 10,300)": the baseline the growth is measured from, and the reading at a checkpoint. */
    private String fromBaselineTo(int checkpoint) {
        return "(from " + actual.unit().format(baseline) + " to "
                + actual.unit().format(readings[checkpoint]) + ")";
    }

    /** The operations, the judged values as a sparkline, and the readings themselves after the baseline. */
    private String series(String label, List<Long> values, String sparkline) {
        long first = operations[0];
        long last = operations[operations.length - 1];
        StringBuilder text = new StringBuilder();
        text.append(String.format("  operations    %s → %s (%d×)%n",
                String.format("%,d", first), String.format("%,d", last), Math.max(1, last / first)));
        text.append(String.format("  %-13s %s  %s → %s%n", label, sparkline,
                actual.unit().format(values.get(0)), actual.unit().format(values.get(values.size() - 1))));
        text.append(String.format("  readings      %s before the first operation, then %s",
                actual.unit().format(baseline),
                Arrays.stream(readings).mapToObj(v -> actual.unit().format(v)).collect(Collectors.joining(", ", "[", "]"))));
        return text.toString();
    }

    private String whatGrew() {
        switch (actual.explanation()) {
            case OPEN_FILES:
                return filesLeftOpen();
            case HEAP:
                return classesThatGrew();
            case REACHABLE:
                return Reachable.explainGrowth(actual.component(), reachableBefore, reachableAfter);
            default:
                return "";
        }
    }

    /** The files opened during the work and still open, most descriptors first (Linux). */
    private String filesLeftOpen() {
        Map<String, Long> opened = new HashMap<>();
        OpenFiles.targets().forEach((fd, target) -> {
            if (!target.equals(fileTargetsBefore.get(fd))) {
                opened.merge(target, 1L, Long::sum);
            }
        });
        if (opened.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, Long>> byCount = new ArrayList<>(opened.entrySet());
        byCount.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder(nl).append("What is still open (new descriptors, by file):");
        for (Map.Entry<String, Long> file : byCount.subList(0, Math.min(CLASSES_NAMED, byCount.size()))) {
            text.append(nl).append(String.format("  %12s  %s", "+" + Describe.count(file.getValue()), file.getKey()));
        }
        return text.toString();
    }

    /** The classes whose live instances grew most, and what holds the likeliest culprit among them. */
    private String classesThatGrew() {
        Map<String, Long> after = Histogram.liveInstances();
        Map<String, Long> before = instancesBefore.expand();
        List<Map.Entry<String, Long>> grown = new ArrayList<>();
        after.forEach((type, count) -> {
            long increase = count - before.getOrDefault(type, 0L) - CompactHistogram.OWN_OBJECTS.getOrDefault(type, 0L);
            if (increase > 0) {
                grown.add(Map.entry(type, increase));
            }
        });
        if (grown.isEmpty()) {
            return "";
        }
        // What the growth is made of comes first: classes that grew by a whole number of instances per
        // operation, the learner's first, then the JDK's, arrays last (a leaked object drags arrays along:
        // its exception's stack trace, a collection's table); then the rest, most first.
        long done = operations[operations.length - 1];
        grown.sort(Comparator.<Map.Entry<String, Long>>comparingInt(type -> perOperation(type.getValue(), done) == 0 ? 3
                        : LeakTracer.isYours(type.getKey()) ? 0 : type.getKey().startsWith("[") ? 2 : 1)
                .thenComparing(Map.Entry.<String, Long>comparingByValue().reversed()));
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder(nl).append("What grew (live instances, before → after the work):");
        for (Map.Entry<String, Long> type : grown.subList(0, Math.min(CLASSES_NAMED, grown.size()))) {
            long each = perOperation(type.getValue(), done);
            text.append(nl).append(String.format("  %12s  %s%s", "+" + Describe.count(type.getValue()), type.getKey(),
                    each > 0 ? "  (" + each + " per operation)" : ""));
        }
        String suspect = actual.counted() != null ? actual.counted().getName() : suspect(grown);
        if (suspect != null) {
            text.append(nl).append("Instances of ").append(suspect).append(" are held like this:").append(nl)
                    .append(LeakTracer.explainInstancesSafely(suspect));
        }
        return text.toString();
    }

    /**
     * How many instances per operation {@code increase} is, when it is a whole number (1 to 16) of them
     * within 2 %: growth that follows the work; else 0.
     */
    static long perOperation(long increase, long operations) {
        if (operations < 10) {
            return 0;
        }
        long each = Math.round((double) increase / operations);
        return each >= 1 && each <= 16 && Math.abs(increase - each * operations) <= operations * each / 50 ? each : 0;
    }

    /** The grown class to trace: the learner's own if one grew, else the first not the JDK's or a library's. */
    private static String suspect(List<Map.Entry<String, Long>> grown) {
        for (Map.Entry<String, Long> type : grown) {
            if (LeakTracer.isYours(type.getKey())) {
                return type.getKey();
            }
        }
        for (Map.Entry<String, Long> type : grown) {
            if (LeakTracer.isTraceable(type.getKey())) {
                return type.getKey();
            }
        }
        return null;
    }

    /**
     * The live instances per class before the work, in four objects (this, a string of the names,
     * its bytes, an array of the counts) rather than a map of thousands of entries: the
     * snapshot lives through the work, so whatever it is made of shows in the histogram after it,
     * where {@link #OWN_OBJECTS} takes it out again.
     */
    private static final class CompactHistogram {
        static final Map<String, Long> OWN_OBJECTS = Map.of(CompactHistogram.class.getName(), 1L,
                "java.lang.String", 1L, "[B", 1L, "[J", 1L);

        private final String names;
        private final long[] counts;

        CompactHistogram(Map<String, Long> instances) {
            List<String> types = new ArrayList<>(instances.keySet());
            names = String.join("\n", types);
            counts = new long[types.size()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = instances.get(types.get(i));
            }
        }

        /** As a map again: call it only once the histogram after the work is taken. */
        Map<String, Long> expand() {
            Map<String, Long> instances = new HashMap<>();
            String[] split = names.split("\n", -1);
            for (int i = 0; i < counts.length; i++) {
                instances.put(split[i], counts[i]);
            }
            return instances;
        }
    }

    private void requireReadings() {
        if (readings == null) {
            throw new IllegalStateException("call whileRepeating(times, operation) before asserting on the growth");
        }
    }

    /** The checkpoint of the highest value; of equal ones the latest, which ran the most operations. */
    private static int indexOfMax(List<Long> values) {
        int worst = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) >= values.get(worst)) {
                worst = i;
            }
        }
        return worst;
    }

    /** Distinct, increasing checkpoints from about 1 % of {@code times} up to {@code times}. */
    static List<Integer> checkpoints(int times) {
        return checkpoints(times, CHECKPOINTS);
    }

    /** {@code count} of them, at most: fewer when {@code times} is too small for them to differ. */
    static List<Integer> checkpoints(int times, int count) {
        double first = Math.max(1, times / 100.0);
        double ratio = Math.pow(times / first, 1.0 / (count - 1));
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int point = (int) Math.min(times, Math.round(first * Math.pow(ratio, i)));
            if (points.isEmpty() || point > points.get(points.size() - 1)) {
                points.add(point);
            }
        }
        if (points.get(points.size() - 1) != times) {
            points.add(times);
        }
        return points;
    }
}
