package dev.leakproof.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The four-way check over the workbook's own lessons, as {@code mvn verify} runs it: one test per
 * lesson, failing with every miss of that lesson; the whole table printed at the end.
 */
@DisplayName("Every lesson of the workbook")
class WorkbookLessonsTest {

    private static final Path ROOT = Path.of(System.getProperty("leakproof.root", "../..")).toAbsolutePath().normalize();
    private static final List<LessonVerdict> VERDICTS = new ArrayList<>();
    private static Workbook workbook;
    private static Map<Lesson, List<Path>> classPaths;
    private static FourWayCheck check;

    @BeforeAll
    static void resolveLessons() {
        workbook = new Workbook(ROOT);
        Path work = Path.of("target", "four-way").toAbsolutePath();
        String mvn = System.getProperty("leakproof.mvn", "mvn");
        if (mvn.contains("${") || !Path.of(mvn).isAbsolute()) {
            mvn = "mvn";
        }
        String repository = System.getProperty("leakproof.localRepository", "");
        classPaths = new LessonClassPaths(Path.of(mvn), work)
                .withLocalRepository(repository.contains("${") ? "" : repository)
                .resolve(selectedLessons());
        TestRunner runner = new TestRunner(TestRunner.splitOptions(System.getProperty("leakproof.testJvmArgs", "")),
                Duration.ofMinutes(5));
        check = new FourWayCheck(runner, work, Integer.getInteger("leakproof.check.repeat", 1),
                Integer.getInteger("leakproof.check.parallel", 2));
    }

    @TestFactory
    @DisplayName("keeps the four-way invariant and is complete")
    Stream<DynamicTest> everyLesson() {
        // Every lesson's runs are queued at once, so the test JVMs side by side never wait for a lesson's last run.
        Map<Lesson, CompletableFuture<LessonVerdict>> started = new LinkedHashMap<>();
        for (Lesson lesson : selectedLessons()) {
            started.put(lesson, check.start(lesson, classPaths.get(lesson), step -> { }));
        }
        return started.keySet().stream().map(lesson -> DynamicTest.dynamicTest(lesson.id(), () -> {
            LessonVerdict verdict = started.get(lesson).join();
            synchronized (VERDICTS) {
                VERDICTS.add(verdict);
            }
            assertThat(verdict.misses())
                    .as("misses of lesson %s (the table at the end of the run shows every cell)", lesson.id())
                    .isEmpty();
        }));
    }

    @TestFactory
    @DisplayName("has a lesson beside every solution")
    Stream<DynamicTest> noOrphanSolutions() {
        return Stream.of(DynamicTest.dynamicTest("solutions/", () ->
                assertThat(workbook.orphanSolutions()).as("solutions with no lesson").isEmpty()));
    }

    @AfterAll
    static void printTable() {
        check.close();
        String setting = "JDK " + System.getProperty("java.version") + ", test JVM: "
                + System.getProperty("leakproof.testJvmArgs", "").trim()
                + ", runs per lesson: " + Integer.getInteger("leakproof.check.repeat", 1);
        System.out.println();
        System.out.println(CheckReport.table(VERDICTS, setting));
    }

    private static List<Lesson> selectedLessons() {
        List<Lesson> all = new Workbook(ROOT).lessons();
        String selection = System.getProperty("leakproof.check.lessons", "").trim();
        if (selection.isEmpty() || selection.contains("${")) {
            return all;
        }
        List<Lesson> chosen = new ArrayList<>();
        for (String name : selection.split(",")) {
            Lesson lesson = Workbook.find(all, name).orElseThrow(() -> new IllegalArgumentException(
                    "-Dleakproof.check.lessons names no lesson '" + name.strip() + "' (ids, names without the "
                            + "number, and numbers work)"));
            if (!chosen.contains(lesson)) {
                chosen.add(lesson);
            }
        }
        return chosen;
    }
}
