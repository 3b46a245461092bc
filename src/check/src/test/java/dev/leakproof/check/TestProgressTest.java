package dev.leakproof.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run tells its progress while it goes on (what a display follows), and what it tells agrees
 * with the outcomes it returns: in a fresh JVM and in a warm worker, on the sound fixture lesson
 * (one contract test that passes, one leak test that fails).
 */
@DisplayName("The test runner's progress")
class TestProgressTest {

    private static final Path FIXTURES = Path.of("src", "test", "fixtures").toAbsolutePath();

    @TempDir
    Path build;

    @Test
    @DisplayName("tells the number of tests, then each test as it starts and ends, as a fresh JVM runs them")
    void freshJvm() {
        Lesson lesson = new Workbook(FIXTURES).lessons().get(0);
        List<Path> classPath = compile(lesson);
        Recorder recorder = new Recorder();

        TestRunner.Run run = runner().run(testClasses(), classPath, lesson.dir(), build.resolve("fresh"), recorder);

        assertThat(run.crashed()).as(run.crash()).isFalse();
        assertThat(recorder.events).isEqualTo(expectedEvents(run));
    }

    @Test
    @DisplayName("tells the same of each run in a warm worker, and nothing of the run before")
    void warmWorker() {
        Lesson lesson = new Workbook(FIXTURES).lessons().get(0);
        List<Path> classPath = compile(lesson);
        TestRunner runner = runner();
        List<Path> shared = classPath.stream().filter(TestRunner::sharedLibrary).collect(Collectors.toList());
        try (TestRunner.Worker worker = runner.startWorker(shared, lesson.dir(), build.resolve("warm"))) {
            for (int round = 1; round <= 2 && worker.fits(shared, lesson.dir()); round++) {
                Recorder recorder = new Recorder();
                TestRunner.Run run = runner.run(worker, testClasses(), classPath, recorder);

                assertThat(run.crashed()).as(run.crash()).isFalse();
                assertThat(recorder.events).as("round %d", round).isEqualTo(expectedEvents(run));
                worker.awaitReady(Duration.ofSeconds(30));
            }
        }
    }

    /** What the outcomes say the progress must have been: the count, then a start and an end a test. */
    private static List<String> expectedEvents(TestRunner.Run run) {
        assertThat(run.outcomes()).extracting(TestOutcome::status)
                .containsExactlyInAnyOrder(TestOutcome.Status.PASSED, TestOutcome.Status.LEAKED);
        List<String> events = new ArrayList<>();
        events.add("planned 2");
        for (TestOutcome outcome : run.outcomes()) {
            events.add("started " + outcome.displayName());
            events.add("finished " + outcome.displayName() + " " + outcome.tags() + " " + outcome.status());
        }
        return events;
    }

    private static final class Recorder implements TestProgress {
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
    }

    private List<Path> compile(Lesson lesson) {
        List<Path> dependencies = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(Path::of).collect(Collectors.toList());
        LessonCompiler.Result compiled = new LessonCompiler().compile(lesson, LessonCompiler.Variant.LESSON,
                dependencies, build.resolve("out"));
        assertThat(compiled.errors()).isEmpty();
        List<Path> classPath = new ArrayList<>(compiled.classPath());
        classPath.addAll(dependencies);
        return classPath;
    }

    private Path testClasses() {
        return build.resolve("out").resolve("test-classes");
    }

    private static TestRunner runner() {
        return new TestRunner(List.of("-Xmx128m"), Duration.ofMinutes(2));
    }
}
