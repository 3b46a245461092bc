package dev.leakproof.kata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.check.Lesson;
import dev.leakproof.check.LessonCompiler;
import dev.leakproof.check.TestOutcome;
import dev.leakproof.check.TestProgress;
import dev.leakproof.check.TestRunner;
import dev.leakproof.check.Workbook;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Watch mode's warm worker gives the verdicts of a fresh test JVM (the authority, what {@code kata run}
 * and the four-way check use): the same status per test, run after run in the warm worker, on the
 * fixture lessons and on the workbook's first lesson, wrong and solved; and a fault (an exit, an
 * endless loop, a full heap, a stack overflow) ends only that worker, with the fresh JVM's message;
 * and its progress, what a display follows while the tests run, is the fresh JVM's too.
 */
@DisplayName("The warm worker of watch mode")
class WarmWorkerTest {

    /** Runs in a row in one worker: the second shows whatever the first left behind (the check runs longer rows). */
    private static final int RUNS = 2;

    @TempDir
    Path build;

    static Stream<Arguments> lessons() {
        List<Arguments> cases = new ArrayList<>();
        for (String id : List.of("01-sound", "02-already-solved", "03-contract-broken", "04-leak-by-exception",
                "05-solution-leaks", "10-solution-breaks-before-all", "11-solution-breaks-after-all", "12-disabled-tests",
                "13-culprit-not-named")) {
            for (LessonCompiler.Variant variant : LessonCompiler.Variant.values()) {
                cases.add(Arguments.of(KataTest.FIXTURES, id, variant));
            }
        }
        cases.add(Arguments.of(KataTest.ROOT, "01-growing-event-log", LessonCompiler.Variant.LESSON));
        cases.add(Arguments.of(KataTest.ROOT, "01-growing-event-log", LessonCompiler.Variant.SOLUTION));
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}, {2}")
    @MethodSource("lessons")
    @DisplayName("gives each test the fresh JVM's status, two runs in a row in the warm worker")
    void sameVerdicts(Path root, String id, LessonCompiler.Variant variant) {
        Lesson lesson = lesson(root, id);
        List<Path> classPath = compile(lesson, variant);
        TestRunner runner = runner(60);
        TestRunner.Run fresh = runner.run(testClasses(), classPath, lesson.dir(), build.resolve("fresh"));
        assertThat(fresh.crashed()).as(fresh.crash()).isFalse();
        TestRunner.Worker worker = runner.startWorker(shared(classPath), lesson.dir(), build.resolve("warm"));
        try {
            for (int run = 1; run <= RUNS; run++) {
                TestRunner.Run warm = runner.run(worker, testClasses(), classPath);
                assertThat(warm.crashed()).as(warm.crash() + warm.output()).isFalse();
                assertThat(statuses(warm)).as("run %d in the worker", run).isEqualTo(statuses(fresh));
                // Whether a worker is reused depends on what the collector has freed by then (its
                // recycling rules): a speed matter, measured by the benchmark. Replace it as watch mode does.
                if (!worker.awaitReady(Duration.ofSeconds(30))) {
                    worker.close();
                    worker = runner.startWorker(shared(classPath), lesson.dir(), build.resolve("warm"));
                }
            }
        } finally {
            worker.close();
        }
    }

    @Test
    @DisplayName("a shared library rebuilt while the worker runs (mvn install of the toolkit): the worker no longer fits")
    void sharedLibraryRebuilt() throws Exception {
        Lesson lesson = lesson(KataTest.FIXTURES, "01-sound");
        List<Path> classPath = compile(lesson, LessonCompiler.Variant.LESSON);
        List<Path> shared = new ArrayList<>(shared(classPath));
        Path jar = shared.stream().filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
        Path library = java.nio.file.Files.copy(jar, build.resolve(jar.getFileName()));
        shared.set(shared.indexOf(jar), library);
        try (TestRunner.Worker worker = runner(60).startWorker(shared, lesson.dir(), build.resolve("warm"))) {
            assertThat(worker.fits(shared, lesson.dir())).isTrue();
            java.nio.file.Files.setLastModifiedTime(library, java.nio.file.attribute.FileTime.fromMillis(
                    java.nio.file.Files.getLastModifiedTime(library).toMillis() + 10_000));
            assertThat(worker.fits(shared, lesson.dir())).as("after the jar changed").isFalse();
        }
    }

    @Test
    @DisplayName("a stack overflow: the fresh JVM's verdict, then the worker is replaced")
    void stackOverflow() {
        Lesson lesson = lesson(KataTest.FIXTURES, "15-stack-overflow");
        List<Path> classPath = compile(lesson, LessonCompiler.Variant.LESSON);
        TestRunner runner = runner(60);
        TestRunner.Run fresh = runner.run(testClasses(), classPath, lesson.dir(), build.resolve("fresh"));
        try (TestRunner.Worker worker = runner.startWorker(shared(classPath), lesson.dir(), build.resolve("warm"))) {
            TestRunner.Run warm = runner.run(worker, testClasses(), classPath);
            assertThat(statuses(warm)).isEqualTo(statuses(fresh));
            assertThat(worker.awaitReady(Duration.ofSeconds(30))).isFalse();
        }
    }

    @Test
    @DisplayName("System.exit and an endless loop end only the worker, with the fresh JVM's message")
    void faults() {
        // The endless loop needs a short time-out to be stopped soon; the exit a long one, so that a busy
        // machine slowing its other test past the time-out cannot turn "exited" into "stopped".
        for (Map.Entry<String, Integer> fault : Map.of("07-exits", 60, "08-endless-loop", 5).entrySet()) {
            String id = fault.getKey();
            Lesson lesson = lesson(KataTest.FIXTURES, id);
            List<Path> classPath = compile(lesson, LessonCompiler.Variant.LESSON);
            TestRunner runner = runner(fault.getValue());
            TestRunner.Run fresh = runner.run(testClasses(), classPath, lesson.dir(), build.resolve("fresh"));
            try (TestRunner.Worker worker = runner.startWorker(shared(classPath), lesson.dir(), build.resolve("warm"))) {
                TestRunner.Run warm = runner.run(worker, testClasses(), classPath);
                assertThat(fresh.crashed()).as(id).isTrue();
                assertThat(warm.crash()).as(id).isEqualTo(fresh.crash());
                assertThat(worker.fits(shared(classPath), lesson.dir())).as(id + ": the worker has ended").isFalse();
            }
        }
    }

    @Test
    @DisplayName("a full heap: reported as running out of memory, then the worker is replaced")
    void outOfMemory() {
        Lesson lesson = lesson(KataTest.FIXTURES, "14-out-of-memory");
        List<Path> classPath = compile(lesson, LessonCompiler.Variant.LESSON);
        TestRunner runner = runner(20);
        try (TestRunner.Worker worker = runner.startWorker(shared(classPath), lesson.dir(), build.resolve("warm"))) {
            TestRunner.Run warm = runner.run(worker, testClasses(), classPath);
            // As in a fresh JVM: the JVM dies of it, a test fails with it, or the time-out stops the struggle.
            assertThat(warm.crash() + warm.outcomes().stream().map(TestOutcome::failureType).collect(Collectors.joining(" "))
                    + warm.output()).contains("OutOfMemoryError");
            assertThat(worker.awaitReady(Duration.ofSeconds(30))).isFalse();
        }
    }

    @Test
    @DisplayName("tells its progress as a fresh JVM does: the number of tests, then each as it starts and ends, a failure with its message")
    void progress() {
        Lesson lesson = lesson(KataTest.FIXTURES, "01-sound");
        List<Path> classPath = compile(lesson, LessonCompiler.Variant.LESSON);
        TestRunner runner = runner(60);
        ProgressRecorder fresh = new ProgressRecorder();
        TestRunner.Run freshRun = runner.run(testClasses(), classPath, lesson.dir(), build.resolve("fresh"), fresh);
        assertThat(fresh.events).isEqualTo(expectedProgress(freshRun));
        try (TestRunner.Worker worker = runner.startWorker(shared(classPath), lesson.dir(), build.resolve("warm"))) {
            ProgressRecorder warm = new ProgressRecorder();
            TestRunner.Run warmRun = runner.run(worker, testClasses(), classPath, warm);
            assertThat(warm.events).isEqualTo(expectedProgress(warmRun));
        }
    }

    /** What the outcomes say the progress was: the count, then a start and an end a test. */
    private static List<String> expectedProgress(TestRunner.Run run) {
        assertThat(run.outcomes()).extracting(TestOutcome::status)
                .containsExactlyInAnyOrder(TestOutcome.Status.PASSED, TestOutcome.Status.LEAKED);
        List<String> events = new ArrayList<>(List.of("planned 2"));
        for (TestOutcome outcome : run.outcomes()) {
            events.add("started " + outcome.displayName());
            events.add("finished " + outcome.displayName() + " " + outcome.tags() + " " + outcome.status());
            if (outcome.status() != TestOutcome.Status.PASSED) {
                events.add("explained " + outcome.displayName() + ": " + outcome.message().strip());
            }
        }
        return events;
    }

    private static final class ProgressRecorder implements TestProgress {
        final List<String> events = new ArrayList<>();

        @Override
        public void planned(int tests) {
            events.add("planned " + tests);
        }

        @Override
        public void started(String displayName) {
            events.add("started " + displayName);
        }

        @Override
        public void finished(String displayName, List<String> tags, TestOutcome.Status status) {
            events.add("finished " + displayName + " " + tags + " " + status);
        }

        @Override
        public void explained(String displayName, String message) {
            events.add("explained " + displayName + ": " + message.strip());
        }
    }

    private static Lesson lesson(Path root, String id) {
        return new Workbook(root).lessons().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }

    private List<Path> compile(Lesson lesson, LessonCompiler.Variant variant) {
        List<Path> dependencies = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).collect(Collectors.toList());
        LessonCompiler.Result compiled = new LessonCompiler().compile(lesson, variant, dependencies, build.resolve("out"));
        assertThat(compiled.errors()).isEmpty();
        List<Path> classPath = new ArrayList<>(compiled.classPath());
        classPath.addAll(dependencies);
        return classPath;
    }

    private Path testClasses() {
        return build.resolve("out").resolve("test-classes");
    }

    private static List<Path> shared(List<Path> classPath) {
        return classPath.stream().filter(TestRunner::sharedLibrary).collect(Collectors.toList());
    }

    private static TestRunner runner(int perTestSeconds) {
        List<String> options = TestRunner.splitOptions(System.getProperty("leakproof.testJvmArgs", "-Xmx256m"));
        return new TestRunner(options.stream().anyMatch(o -> o.contains("${")) ? List.of("-Xmx256m") : options,
                Duration.ofMinutes(3)).withPerTestTimeout(Duration.ofSeconds(perTestSeconds));
    }

    /** Per test, its status and failure type: what a verdict is made of (not the message's figures). */
    private static List<String> statuses(TestRunner.Run run) {
        return run.outcomes().stream().map(o -> o.shortName() + " " + o.status() + " " + o.failureType()).sorted()
                .collect(Collectors.toList());
    }
}
