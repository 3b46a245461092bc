package dev.leakproof.benchmark;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.retainedBy;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.leakproof.LeakAssertionError;
import dev.leakproof.Measure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test of speed: prints how long a passing and a failing collectable assertion take, how
 * much the explanation of a failure adds, and how long one reading of {@code retainedBy} takes, as
 * medians and worst cases over several rounds.
 *
 * <pre>mvn -f src/toolkit/pom.xml test -Dgroups=benchmark -DexcludedGroups=none</pre>
 */
@Tag("benchmark")
class LeakAssertionBenchmarkTest {

    private static final int ROUNDS = 15;
    private static final Pattern FOUND = Pattern.compile("found in ([0-9.]+) s in a ([0-9.]+ [KMG]iB) heap dump");

    private static final List<Object> HELD = new ArrayList<>();

    @Test
    void collectableAssertion() {
        List<Long> passing = new ArrayList<>();
        List<Long> failing = new ArrayList<>();
        List<Long> explaining = new ArrayList<>();
        String dump = "";
        for (int round = 0; round < ROUNDS; round++) {
            long started = System.nanoTime();
            assertThat(watch(() -> new byte[1024])).isCollectable();
            passing.add(millisSince(started));

            var held = watch(() -> {
                byte[] payload = new byte[1024];
                HELD.add(payload);
                return payload;
            });
            started = System.nanoTime();
            Throwable failure = catchThrowable(() -> assertThat(held).isCollectable());
            failing.add(millisSince(started));
            assertThat(failure).isInstanceOf(LeakAssertionError.class);
            Matcher found = FOUND.matcher(failure.getMessage());
            assertThat(found.find()).as("the failure explains itself").isTrue();
            explaining.add(Math.round(Double.parseDouble(found.group(1)) * 1000));
            dump = found.group(2);
        }
        System.out.printf(Locale.ROOT, "%ncollectable assertion, %d rounds, JDK %s, %s%n", ROUNDS,
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
        System.out.printf(Locale.ROOT, "  %-34s %8s %8s%n", "", "median", "worst");
        row("passing (object released)", passing);
        row("failing, in all", failing);
        row("  of which the explanation", explaining);
        System.out.printf(Locale.ROOT, "  heap dump: %s%n", dump);
    }

    @Test
    void retainedByReading() {
        // A component of 40,001 objects: a map of 10,000 entries, each a node, a boxed key and a string.
        Map<Integer, String> component = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            component.put(100_000 + i, "value-" + i);
        }
        Measure retained = retainedBy(component);
        List<Long> reading = new ArrayList<>();
        long bytes = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long started = System.nanoTime();
            bytes = retained.read();
            reading.add(millisSince(started));
        }
        System.out.printf(Locale.ROOT, "%nretainedBy reading, %d rounds, JDK %s, %s%n", ROUNDS,
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
        System.out.printf(Locale.ROOT, "  %-34s %8s %8s%n", "", "median", "worst");
        row("one reading", reading);
        System.out.printf(Locale.ROOT, "  reachable from the component: %,d bytes; heap in use: %.1f MiB%n", bytes,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0);
        assertThat(bytes).as("what a reading found").isGreaterThan(10_000L * 16);
    }

    private static void row(String label, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-34s %5d ms %5d ms%n", label, sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1));
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
