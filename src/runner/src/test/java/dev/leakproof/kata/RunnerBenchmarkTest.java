package dev.leakproof.kata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.check.Folders;
import dev.leakproof.check.Lesson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark, not a timed test: prints, side by side in one run, the median time from a save to a
 * verdict in watch mode (its warm test JVM: a fresh class loader per run), of {@code kata run <lesson>}
 * from a cold start (a fresh test JVM), and of {@code mvn test} in
 * the lesson's folder, with their ratios; on the workbook's first lesson, as the learner has it
 * (red: the leak tests fail and explain the leak) and solved (green: the solution laid over it).
 *
 * <pre>mvn verify -pl src/runner -am -Dgroups=benchmark -Dleakproof.excludedGroups=none \
 *     -Dtest=RunnerBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>The {@code mvn test} and {@code kata} it times resolve the toolkit from Maven's local repository
 * like a learner's: with a repository of your own, set it in {@code MAVEN_OPTS}
 * ({@code -Dmaven.repo.local=...}), which they inherit, not on the command line, or they time the
 * toolkit last installed in the default one.
 */
@Tag("benchmark")
@DisplayName("Benchmark: save-to-verdict of watch mode, kata run and mvn test")
class RunnerBenchmarkTest {

    private static final Path ROOT = Path.of(System.getProperty("leakproof.root", "../..")).toAbsolutePath().normalize();
    private static final int WATCH_RUNS = Integer.getInteger("kata.benchmark.watch", 7);
    private static final int COLD_RUNS = Integer.getInteger("kata.benchmark.cold", 3);
    private static final int MAVEN_RUNS = Integer.getInteger("kata.benchmark.maven", 3);

    @TempDir
    Path copy;

    private final Screen screen = new Screen();

    /**
     * A screen that notes when a failing test's mark is first written to it, and when the first
     * leak's explanation is: the path from a GC root, whose heading says what ▶ marks.
     */
    private static final class Screen extends java.io.Writer {
        volatile long firstFailure;
        volatile long firstExplained;

        @Override
        public void write(char[] chars, int offset, int length) {
            String text = new String(chars, offset, length);
            if (firstFailure == 0 && text.contains("✘")) {
                firstFailure = System.nanoTime();
            }
            if (firstExplained == 0 && text.contains("▶")) {
                firstExplained = System.nanoTime();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    @DisplayName("prints the medians and ratios")
    void saveToVerdict() throws Exception {
        Lesson real = new dev.leakproof.check.Workbook(ROOT).lessons().get(0);
        // A copy of the workbook's root pom and of the lesson, so the benchmark edits nothing of the workbook.
        Files.copy(ROOT.resolve("pom.xml"), copy.resolve("pom.xml"));
        Backups.copy(real.dir(), copy.resolve("lessons").resolve(real.id()));
        Backups.copy(real.solutionDir(), copy.resolve("solutions").resolve(real.id()));
        Folders.delete(copy.resolve("lessons").resolve(real.id()).resolve("target"));
        System.setProperty("kata.root", copy.toString());
        System.clearProperty("kata.classpath");
        String mvn = System.getProperty("leakproof.mvn", "mvn");
        System.setProperty("kata.mvn", mvn.contains("${") ? "mvn" : mvn);
        // A terminal's screen (colour, live progress), timed: when the first failing test shows up.
        Kata kata = Kata.fromEnvironment(new PrintWriter(screen, true), new PrintWriter(new StringWriter()), new Style(true));
        Lesson lesson = kata.lesson(real.id());
        kata.classPath(lesson); // resolve once, as the first `./kata` does

        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%nSave-to-verdict, lesson %s, JDK %s, %d cores, test JVM %s%n", lesson.id(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), kata.testJvmOptions("")));
        table.append(String.format(Locale.ROOT, "%-8s %-34s %10s %10s %14s %14s%n", "code", "how", "median", "runs",
                "mvn test ÷ it", "kata run ÷ it"));
        for (String state : List.of("wrong", "solved")) {
            if (state.equals("solved")) {
                Backups.copy(lesson.solutionSources(), lesson.mainSources());
            }
            List<Double> compile = new ArrayList<>();
            List<Double> firstFailure = new ArrayList<>();
            List<Double> firstExplained = new ArrayList<>();
            double watch = median(watch(kata, lesson, state.equals("solved"), compile, firstFailure, firstExplained));
            double cold = median(cold(lesson, state.equals("solved")));
            double maven = median(maven(lesson, mvn, state.equals("solved")));
            row(table, state, "watch mode: save → verdict", watch, WATCH_RUNS, maven, cold);
            table.append(String.format(Locale.ROOT, "%-8s %-34s %9.2fs%n", "", "  of which compiling (javax.tools)",
                    median(compile)));
            if (!firstFailure.isEmpty()) {
                table.append(String.format(Locale.ROOT, "%-8s %-34s %9.2fs%n", "", "  save → first failing test shown",
                        median(firstFailure)));
            }
            if (!firstExplained.isEmpty()) {
                table.append(String.format(Locale.ROOT, "%-8s %-34s %9.2fs%n", "", "  save → first explained leak",
                        median(firstExplained)));
            }
            row(table, state, "kata run (cold start)", cold, COLD_RUNS, maven, cold);
            row(table, state, "mvn -o -q test", maven, MAVEN_RUNS, maven, cold);
        }
        System.out.println(table);
    }

    private static void row(StringBuilder table, String state, String how, double seconds, int runs, double maven,
            double cold) {
        table.append(String.format(Locale.ROOT, "%-8s %-34s %9.2fs %10d %13.1f× %13.1f×%n", state, how, seconds, runs,
                maven / seconds, cold / seconds));
    }

    private List<Double> watch(Kata kata, Lesson lesson, boolean green, List<Double> compile, List<Double> firstFailure,
            List<Double> firstExplained) throws Exception {
        BlockingQueue<Verdict> verdicts = new LinkedBlockingQueue<>();
        List<Double> times = new ArrayList<>();
        Path file;
        try (Stream<Path> files = Files.walk(lesson.mainSources())) {
            file = files.filter(f -> f.toString().endsWith(".java")).findFirst().orElseThrow();
        }
        try (var session = new WatchCommand.Session(kata, lesson, false, verdicts::add)) {
            Thread loop = WatchAndShellTest.startWithoutKeys(session);
            assertThat(verdicts.poll(5, TimeUnit.MINUTES)).isNotNull(); // the first run, before any save
            for (int i = 0; i < WATCH_RUNS; i++) {
                Thread.sleep(2_000); // a learner's pause: the warm worker has checked its last run by then
                String text = Files.readString(file, StandardCharsets.UTF_8);
                long start = System.nanoTime();
                screen.firstFailure = 0;
                screen.firstExplained = 0;
                Files.writeString(file, text, StandardCharsets.UTF_8); // a save
                Verdict verdict = verdicts.poll(5, TimeUnit.MINUTES);
                times.add((System.nanoTime() - start) / 1e9);
                if (screen.firstFailure != 0) {
                    firstFailure.add((screen.firstFailure - start) / 1e9);
                }
                if (screen.firstExplained != 0) {
                    firstExplained.add((screen.firstExplained - start) / 1e9);
                }
                assertThat(verdict).isNotNull();
                compile.add(verdict.compileMillis() / 1000.0);
                assertThat(verdict.green()).as("verdict %s", verdict.kind()).isEqualTo(green);
            }
            session.press('q');
            loop.join(10_000);
        }
        return times;
    }

    private List<Double> cold(Lesson lesson, boolean green) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dkata.root=" + copy, "-Dkata.mvn=" + System.getProperty("kata.mvn"),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", lesson.id()));
            times.add(time(command, lesson.dir(), green ? 0 : 1));
        }
        return times;
    }

    private List<Double> maven(Lesson lesson, String mvn, boolean green) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < MAVEN_RUNS; i++) {
            times.add(time(Arrays.asList(mvn, "-o", "-q", "-B", "test"), lesson.dir(), green ? 0 : 1));
        }
        return times;
    }

    private static double time(List<String> command, Path dir, int expectedExit) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(process.exitValue()).as("exit code of %s", command).isEqualTo(expectedExit);
        return seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
