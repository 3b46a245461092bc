package dev.leakproof;

import dev.leakproof.internal.Describe;
import dev.leakproof.internal.Histogram;
import dev.leakproof.internal.LeakTracer;
import dev.leakproof.internal.OpenFiles;
import dev.leakproof.internal.Sparkline;
import java.util.ArrayList;
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
    private static final int CLASSES_NAMED = 5;

    private long baseline;
    private final List<Integer> operations = new ArrayList<>();
    private final List<Long> readings = new ArrayList<>();
    private String work;
    private Map<String, Long> instancesBefore = Map.of();
    private Map<String, String> fileTargetsBefore = Map.of();

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
        operations.clear();
        readings.clear();
        // A snapshot now, so a failure can name what grew: classes, or files.
        if (actual.explanation() == Measure.Explanation.OPEN_FILES) {
            fileTargetsBefore = OpenFiles.targets();
        } else if (actual.explanation() == Measure.Explanation.HEAP) {
            instancesBefore = Histogram.liveInstances();
        }
        baseline = actual.read();
        int done = 0;
        for (int checkpoint : checkpoints(times)) {
            while (done < checkpoint) {
                operation.accept(done++);
            }
            operations.add(done);
            readings.add(actual.read());
        }
        work = "the operation was repeated " + String.format("%,d", times) + " times";
        return this;
    }

    /** Verifies that no reading rose more than {@code bound} above the baseline. */
    public GrowthAssert growsByAtMost(long bound) {
        requireReadings();
        List<Long> growth = readings.stream().map(r -> r - baseline).collect(Collectors.toList());
        int worst = indexOfMax(growth);
        if (growth.get(worst) > bound) {
            throw Failures.leak(info, String.format(
                    "Expected %s to grow by at most %s while %s,%nbut it grew by %s %s after %s.%n%s",
                    actual.name(), actual.unit().format(bound), work,
                    actual.unit().format(growth.get(worst)), fromBaselineTo(worst),
                    operationCount(operations.get(worst)),
                    series("growth", growth, Sparkline.of(growth)) + whatGrew()));
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
        for (int i = 0; i < readings.size(); i++) {
            perOperation.add((readings.get(i) - baseline) / operations.get(i));
        }
        int worst = indexOfMax(perOperation);
        if (perOperation.get(worst) > bound) {
            throw Failures.leak(info, String.format(
                    "Expected %s to grow by at most %s per operation while %s,%nbut it grew by %s over %s %s, "
                            + "%s per operation.%n%s",
                    actual.name(), actual.unit().format(bound), work,
                    actual.unit().format(readings.get(worst) - baseline), firstOperations(operations.get(worst)),
                    fromBaselineTo(worst), actual.unit().format(perOperation.get(worst)),
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
                + actual.unit().format(readings.get(checkpoint)) + ")";
    }

    /** The operations, the judged values as a sparkline, and the readings themselves after the baseline. */
    private String series(String label, List<Long> values, String sparkline) {
        long first = operations.get(0);
        long last = operations.get(operations.size() - 1);
        StringBuilder text = new StringBuilder();
        text.append(String.format("  operations    %s → %s (%d×)%n",
                String.format("%,d", first), String.format("%,d", last), Math.max(1, last / first)));
        text.append(String.format("  %-13s %s  %s → %s%n", label, sparkline,
                actual.unit().format(values.get(0)), actual.unit().format(values.get(values.size() - 1))));
        text.append(String.format("  readings      %s before the first operation, then %s",
                actual.unit().format(baseline),
                readings.stream().map(v -> actual.unit().format(v)).collect(Collectors.joining(", ", "[", "]"))));
        return text.toString();
    }

    private String whatGrew() {
        switch (actual.explanation()) {
            case OPEN_FILES:
                return filesLeftOpen();
            case HEAP:
                return classesThatGrew();
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
        List<Map.Entry<String, Long>> grown = new ArrayList<>();
        after.forEach((type, count) -> {
            long increase = count - instancesBefore.getOrDefault(type, 0L);
            if (increase > 0) {
                grown.add(Map.entry(type, increase));
            }
        });
        grown.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        if (grown.isEmpty()) {
            return "";
        }
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder(nl).append("What grew (live instances, before → after the work):");
        for (Map.Entry<String, Long> type : grown.subList(0, Math.min(CLASSES_NAMED, grown.size()))) {
            text.append(nl).append(String.format("  %12s  %s", "+" + Describe.count(type.getValue()), type.getKey()));
        }
        String suspect = actual.counted() != null ? actual.counted().getName() : suspect(grown);
        if (suspect != null) {
            text.append(nl).append("Instances of ").append(suspect).append(" are held like this:").append(nl)
                    .append(LeakTracer.explainInstancesSafely(suspect));
        }
        return text.toString();
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

    private void requireReadings() {
        if (readings.isEmpty()) {
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
        double first = Math.max(1, times / 100.0);
        double ratio = Math.pow(times / first, 1.0 / (CHECKPOINTS - 1));
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < CHECKPOINTS; i++) {
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
