package dev.leakproof.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.internal.LeakTracer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four-way check against small fixture lessons, each sound or broken in one known way: the
 * check must find exactly the misses the fixture was built to have.
 *
 * <p>The fixtures form a workbook of their own under {@code src/test/fixtures} ({@code lessons/}
 * and {@code solutions/}), outside the workbook's {@code lessons/}, so {@code mvn verify} never
 * takes them for real lessons; the runner's tests use them too. Their tests run with this JVM's
 * class path (the toolkit, JUnit and AssertJ), so no Maven run is needed to resolve them.
 */
@DisplayName("The four-way check")
class FourWayCheckTest {

    private static final Path FIXTURES = Path.of("src", "test", "fixtures").toAbsolutePath();
    private static final Path ROOT = Path.of(System.getProperty("leakproof.root", "../..")).toAbsolutePath().normalize();
    private static final List<String> JVM_OPTIONS = List.of("-Xmx128m");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Long enough for a tiny lesson's tests, short enough to wait for an endless loop. */
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(8);

    private static final String CONTRACT_TEST = "HistoryTest.showsTheLatest";
    private static final String LEAK_TEST = "HistoryTest.staysBounded";

    /** Verdicts by fixture id: each fixture is compiled and run once, whichever test asks first. */
    private static final Map<String, LessonVerdict> VERDICTS = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> PROGRESS = new ConcurrentHashMap<>();

    @TempDir
    static Path work;

    private static List<Path> classPath;

    @BeforeAll
    static void useThisJvmsClassPath() {
        classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .collect(Collectors.toList());
    }

    @Test
    @DisplayName("finds no miss in a sound lesson: all four cells hold and its files are complete")
    void soundLesson() {
        LessonVerdict verdict = verdict("01-sound");

        assertThat(verdict.misses()).isEmpty();
        assertThat(verdict.sound()).isTrue();
        assertThat(verdict.complete()).isTrue();
        for (Cell cell : Cell.values()) {
            assertThat(verdict.holds(cell)).as("cell %s holds", cell.heading()).isTrue();
        }
        assertThat(verdict.cells()).containsExactly(
                Map.entry(Cell.CONTRACT_ON_LESSON, "1/1 passed"),
                Map.entry(Cell.LEAK_ON_LESSON, "1/1 leaked"),
                Map.entry(Cell.CONTRACT_ON_SOLUTION, "1/1 passed"),
                Map.entry(Cell.LEAK_ON_SOLUTION, "1/1 passed"));
        assertThat(verdict.outcomes().get(LessonCompiler.Variant.LESSON))
                .extracting(TestOutcome::toString)
                .containsExactlyInAnyOrder(CONTRACT_TEST + " PASSED",
                        LEAK_TEST + " LEAKED (dev.leakproof.LeakAssertionError)");
        // Every run is checked side by side: the two reference points first, in either order, then the fixes.
        assertThat(PROGRESS.get("01-sound").subList(0, 2))
                .containsExactlyInAnyOrder("01-sound: wrong code", "01-sound: solution");
        assertThat(PROGRESS.get("01-sound")).containsExactlyInAnyOrder("01-sound: wrong code", "01-sound: solution",
                        "01-sound: near-miss trims-when-read", "01-sound: alternative array-deque");
        assertThat(verdict.fixes()).extracting(f -> f.fix().label() + " " + f.holds() + " " + f.rejectedBy())
                .containsExactly("near-miss trims-when-read true [" + LEAK_TEST + "]", "alternative array-deque true []");
        assertThat(verdict.fixSummary(Fix.Kind.NEAR_MISS)).isEqualTo("1/1 rejected");
        assertThat(verdict.fixSummary(Fix.Kind.ALTERNATIVE)).isEqualTo("1/1 accepted");
    }

    @Test
    @DisplayName("catches fixes the tests judge wrongly: a near-miss no leak test rejects, one that breaks the "
            + "contract, an alternative a leak test rejects, and a fix without its note")
    void unfairFixes() {
        LessonVerdict verdict = verdict("17-unfair-fixes");

        assertThat(verdict.misses()).satisfiesExactlyInAnyOrder(
                miss -> assertMiss(miss, "17-unfair-fixes", "files", "", "near-miss no-note has no NOTE.md"),
                miss -> assertMiss(miss, "17-unfair-fixes", "near-miss side-list", "",
                        "passed every leak test: the tests cannot tell this near-miss from a fix"),
                miss -> assertMiss(miss, "17-unfair-fixes", "near-miss shouts", CONTRACT_TEST, "failed with ",
                        "; but a near-miss keeps the behaviour (else it is a wrong fix, not a near-miss)"),
                miss -> assertMiss(miss, "17-unfair-fixes", "alternative keeps-ten", LEAK_TEST,
                        "failed by a leak assertion: Expected ",
                        "; but an alternative is a correct fix, which every test must accept"));
        assertThat(verdict.fixSummary(Fix.Kind.NEAR_MISS)).isEqualTo("1/3 rejected");
        assertThat(verdict.fixSummary(Fix.Kind.ALTERNATIVE)).isEqualTo("0/1 accepted");
        for (Cell cell : Cell.values()) {
            assertThat(verdict.holds(cell)).as("the four cells hold: cell %s", cell.heading()).isTrue();
        }
    }

    @Test
    @DisplayName("catches a lesson whose wrong code is already solved: a leak test passes on it")
    void alreadySolved() {
        assertThat(verdict("02-already-solved").misses()).singleElement().satisfies(miss ->
                assertMiss(miss, "02-already-solved", "leak/wrong", LEAK_TEST,
                        "passed on the wrong code: the lesson is already solved, or the test cannot see the leak"));
    }

    @Test
    @DisplayName("catches a leak test that fails by a leak assertion whose message does not name the culprit")
    void culpritNotNamed() {
        assertThat(verdict("13-culprit-not-named").misses()).singleElement().satisfies(miss ->
                assertMiss(miss, "13-culprit-not-named", "leak/wrong", LEAK_TEST,
                        "failed by a leak assertion, but its message does not name the culprit 'History.entries' "
                                + "declared in lesson.properties"));
    }

    @Test
    @DisplayName("catches a contract test that fails on the wrong code")
    void contractFailsOnWrongCode() {
        assertThat(verdict("03-contract-broken").misses()).singleElement().satisfies(miss ->
                assertMiss(miss, "03-contract-broken", "contract/wrong", CONTRACT_TEST,
                        "failed with ", "[\"b\", \"c\", \"d\"]",
                        "; but contract tests pass on the wrong code"));
    }

    @Test
    @DisplayName("catches a leak test that fails on the wrong code by an exception, not a leak assertion")
    void leakTestFailsByAnException() {
        assertThat(verdict("04-leak-by-exception").misses()).singleElement().satisfies(miss ->
                assertMiss(miss, "04-leak-by-exception", "leak/wrong", LEAK_TEST,
                        "failed with java.lang.IllegalStateException: the history is full; "
                                + "but leak tests fail on the wrong code, by a leak assertion"));
    }

    @Test
    @DisplayName("catches a solution that still leaks: a leak test fails on it")
    void solutionLeaks() {
        assertThat(verdict("05-solution-leaks").misses()).singleElement().satisfies(miss ->
                assertMiss(miss, "05-solution-leaks", "leak/solution", LEAK_TEST,
                        "failed by a leak assertion, but leak tests pass on the solution: Expected "));
    }

    @Test
    @DisplayName("catches wrong code that does not compile, naming the file and line, in both cells of the wrong code")
    void wrongCodeDoesNotCompile() {
        LessonVerdict verdict = verdict("06-does-not-compile");

        String reason = "the wrong code does not compile: "
                + "lessons/06-does-not-compile/src/main/java/com/example/fixture/History.java:17: ';' expected";
        assertThat(verdict.misses()).satisfiesExactly(
                miss -> assertMiss(miss, "06-does-not-compile", "contract/wrong", "", reason),
                miss -> assertMiss(miss, "06-does-not-compile", "leak/wrong", "", reason));
        assertThat(verdict.misses().get(0).reason()).isEqualTo(reason);
        assertThat(verdict.cells()).containsOnlyKeys(Cell.CONTRACT_ON_SOLUTION, Cell.LEAK_ON_SOLUTION);
    }

    @Test
    @DisplayName("survives tests that call System.exit, and reports the crash in every cell")
    void testsCallSystemExit() {
        LessonVerdict verdict = verdict("07-exits");

        String reason = "the test JVM ended with exit code 3 before reporting: did the code call System.exit, "
                + "or crash the JVM?";
        assertThat(verdict.misses()).satisfiesExactly(
                miss -> assertMiss(miss, "07-exits", "contract/wrong", "", reason, "shutting down"),
                miss -> assertMiss(miss, "07-exits", "leak/wrong", "", reason, "shutting down"),
                miss -> assertMiss(miss, "07-exits", "contract/solution", "", reason, "shutting down"),
                miss -> assertMiss(miss, "07-exits", "leak/solution", "", reason, "shutting down"));
        assertThat(verdict.cells()).isEmpty();
        // Reaching this line proves that this JVM survived; and the check goes on working.
        assertThat(verdict("01-sound").sound()).isTrue();
    }

    @Test
    @DisplayName("stops an endless loop at its time-out and reports it in both cells of the variant")
    void endlessLoop() {
        // The reason names the time-out that stopped it; how long the whole check took depends on the machine's load.
        LessonVerdict verdict = verdict("08-endless-loop", SHORT_TIMEOUT);

        String reason = "the tests ran longer than 8 s and were stopped: is there an endless loop?";
        assertThat(verdict.misses()).satisfiesExactly(
                miss -> assertMiss(miss, "08-endless-loop", "contract/wrong", "", reason),
                miss -> assertMiss(miss, "08-endless-loop", "leak/wrong", "", reason));
        assertThat(verdict.cells()).containsOnlyKeys(Cell.CONTRACT_ON_SOLUTION, Cell.LEAK_ON_SOLUTION);
    }

    @Test
    @DisplayName("survives wrong code that fills the heap, and reports it in both cells of the wrong code")
    void outOfMemory() {
        LessonVerdict verdict = verdict("14-out-of-memory");

        // At once, not after the time-out: the test JVM dies of the error JUnit rethrows.
        String reason = "the test JVM ran out of memory (exit code 1)";
        assertThat(verdict.misses()).satisfiesExactly(
                miss -> assertMiss(miss, "14-out-of-memory", "contract/wrong", "", reason),
                miss -> assertMiss(miss, "14-out-of-memory", "leak/wrong", "", reason));
        assertThat(verdict.cells()).containsOnlyKeys(Cell.CONTRACT_ON_SOLUTION, Cell.LEAK_ON_SOLUTION);
    }

    @Test
    @DisplayName("catches a leak test that fails on the wrong code by a StackOverflowError, not a leak assertion")
    void stackOverflow() {
        LessonVerdict verdict = verdict("15-stack-overflow");

        assertThat(verdict.misses()).singleElement().satisfies(miss ->
                assertMiss(miss, "15-stack-overflow", "leak/wrong", LEAK_TEST,
                        "failed with java.lang.StackOverflowError; but leak tests fail on the wrong code, by a leak assertion"));
        assertThat(verdict.holds(Cell.CONTRACT_ON_LESSON)).isTrue();
    }

    @Test
    @DisplayName("catches a lesson whose test file was deleted: no tests, so neither kind of test")
    void testDeleted() {
        LessonVerdict verdict = verdict("16-test-deleted");

        assertThat(verdict.misses()).extracting(miss -> miss.where() + ": " + miss.reason()).containsExactly(
                "files: has no tests under src/test/java",
                "files: has no contract test",
                "files: has no leak test");
        assertThat(verdict.outcomes()).isEqualTo(Map.of(LessonCompiler.Variant.LESSON, List.of(),
                LessonCompiler.Variant.SOLUTION, List.of()));
    }

    @Test
    @DisplayName("catches a solution that breaks the test class's set-up, so that none of its tests runs")
    void solutionBreaksBeforeAll() {
        String failure = "failed with java.lang.IllegalArgumentException: a history needs room for at least 10 entries";
        assertThat(verdict("10-solution-breaks-before-all").misses()).satisfiesExactly(
                miss -> assertMiss(miss, "10-solution-breaks-before-all", "contract/solution", CONTRACT_TEST,
                        failure, "; but contract tests pass on the solution"),
                miss -> assertMiss(miss, "10-solution-breaks-before-all", "leak/solution", LEAK_TEST,
                        failure, "; but leak tests pass on the solution"));
    }

    @Test
    @DisplayName("catches a solution whose test class fails after its tests ran, in an @AfterAll")
    void solutionBreaksAfterAll() {
        LessonVerdict verdict = verdict("11-solution-breaks-after-all");

        String failure = "the test class failed with java.lang.IllegalArgumentException: "
                + "a history needs room for at least 2 entries";
        assertThat(verdict.misses()).satisfiesExactly(
                miss -> assertMiss(miss, "11-solution-breaks-after-all", "contract/solution", "HistoryTest.(class)",
                        failure, "; but contract tests pass on the solution"),
                miss -> assertMiss(miss, "11-solution-breaks-after-all", "leak/solution", "HistoryTest.(class)",
                        failure, "; but leak tests pass on the solution"));
        assertThat(verdict.cells()).containsEntry(Cell.CONTRACT_ON_SOLUTION, "1/1 passed")
                .containsEntry(Cell.LEAK_ON_SOLUTION, "1/1 passed");
        assertThat(verdict.holds(Cell.CONTRACT_ON_SOLUTION)).isFalse();
        assertThat(verdict.holds(Cell.LEAK_ON_SOLUTION)).isFalse();
    }

    @Test
    @DisplayName("catches a disabled test class: its tests are skipped in every cell")
    void disabledTestClass() {
        String id = "12-disabled-tests";
        assertThat(verdict(id).misses()).satisfiesExactly(
                miss -> assertMiss(miss, id, "contract/wrong", CONTRACT_TEST,
                        "was skipped or aborted, but contract tests pass on the wrong code"),
                miss -> assertMiss(miss, id, "leak/wrong", LEAK_TEST,
                        "was skipped or aborted, but leak tests fail on the wrong code, by a leak assertion"),
                miss -> assertMiss(miss, id, "contract/solution", CONTRACT_TEST,
                        "was skipped or aborted, but contract tests pass on the solution"),
                miss -> assertMiss(miss, id, "leak/solution", LEAK_TEST,
                        "was skipped or aborted, but leak tests pass on the solution"));
    }

    @Test
    @DisplayName("catches incomplete files and tests: hints, JShell script, properties, solution text, tags")
    void incompleteLesson() {
        LessonVerdict verdict = verdict("09-incomplete");

        assertThat(verdict.misses()).allSatisfy(miss -> {
            assertThat(miss.lesson()).isEqualTo("09-incomplete");
            assertThat(miss.where()).isEqualTo(FourWayCheck.FILES);
        });
        assertThat(verdict.misses()).extracting(miss -> miss.test().isEmpty() ? miss.reason()
                : miss.test() + ": " + miss.reason()).containsExactly(
                "lesson.properties has no 'chapter'",
                "lesson.properties has no 'rules'",
                "HINTS.md needs at least two '## Hint' sections, from a nudge to the near-answer",
                "has no explore.jsh (the JShell script that shows the leak growing)",
                "its solution is identical to the wrong code: there is nothing to learn",
                "SOLUTION.md has no 'The mistake' heading",
                "SOLUTION.md has no 'The correct way' heading",
                "SOLUTION.md has no 'Why' heading",
                "SOLUTION.md has no 'Rule to remember' heading",
                "has no leak test",
                "HistoryTest.startsEmpty: must be either a @ContractTest or a @LeakTest (tags: [])");
        assertThat(verdict.complete()).isFalse();
    }

    @Test
    @DisplayName("renders a table with ✔ or ✘ per cell and lists every miss")
    void table() {
        List<LessonVerdict> verdicts = List.of(verdict("01-sound"), verdict("02-already-solved"),
                verdict("06-does-not-compile"));

        String table = CheckReport.table(verdicts, "a test setting");

        // The lesson column is as wide as the longest id, "06-does-not-compile": 19 characters.
        List<String> lines = table.lines().collect(Collectors.toList());
        assertThat(lines.get(0)).isEqualTo("Four-way check (a test setting)");
        assertThat(lines.get(1)).isEqualTo(String.format("%-19s  %-19s  %-19s  %-19s  %-19s  %-16s  %-16s  files",
                "lesson", "contract/wrong", "leak/wrong", "contract/solution", "leak/solution", "near-misses", "alternatives"));
        assertThat(lines.get(2)).isEqualTo(row("01-sound", "✔ 1/1 passed", "✔ 1/1 leaked", "✔ 1/1 passed",
                "✔ 1/1 passed", "✔ 1/1 rejected", "✔ 1/1 accepted", "✔"));
        assertThat(lines.get(3)).isEqualTo(row("02-already-solved", "✔ 1/1 passed", "✘ 0/1 leaked",
                "✔ 1/1 passed", "✔ 1/1 passed", "– none", "– none", "✔"));
        assertThat(lines.get(4)).isEqualTo(row("06-does-not-compile", "✘ did not run", "✘ did not run",
                "✔ 1/1 passed", "✔ 1/1 passed", "– none", "– none", "✔"));
        assertThat(lines.get(5)).isEqualTo("1 of 3 lessons sound; 3 misses:");
        assertThat(lines.subList(6, lines.size())).containsExactly(
                "  - 02-already-solved [leak/wrong] " + LEAK_TEST + ": passed on the wrong code: the lesson is "
                        + "already solved, or the test cannot see the leak",
                "  - 06-does-not-compile [contract/wrong]: " + verdict("06-does-not-compile").misses().get(0).reason(),
                "  - 06-does-not-compile [leak/wrong]: " + verdict("06-does-not-compile").misses().get(1).reason());
        assertThat(CheckReport.misses(verdicts)).hasSize(3);
    }

    @Test
    @DisplayName("renders a files miss as ✘ in the files column, and a single miss as 'miss'")
    void tableOfAnIncompleteLesson() {
        Lesson lesson = new Lesson("42-example", FIXTURES.resolve("lessons/42-example"),
                FIXTURES.resolve("solutions/42-example"), new Properties());
        Map<Cell, String> cells = new EnumMap<>(Cell.class);
        for (Cell cell : Cell.values()) {
            cells.put(cell, cell == Cell.LEAK_ON_LESSON ? "2/2 leaked" : "2/2 passed");
        }
        LessonVerdict verdict = new LessonVerdict(lesson, cells, Map.of(),
                List.of(new Miss("42-example", FourWayCheck.FILES, "", "has no README.md")));

        String table = CheckReport.table(List.of(verdict), "JDK 17");

        assertThat(table.lines()).containsExactly(
                "Four-way check (JDK 17)",
                String.format("%-10s  %-19s  %-19s  %-19s  %-19s  %-16s  %-16s  files",
                        "lesson", "contract/wrong", "leak/wrong", "contract/solution", "leak/solution", "near-misses",
                        "alternatives"),
                String.format("%-10s  %-19s  %-19s  %-19s  %-19s  %-16s  %-16s  ✘", "42-example",
                        "✔ 2/2 passed", "✔ 2/2 leaked", "✔ 2/2 passed", "✔ 2/2 passed", "– none", "– none"),
                "0 of 1 lessons sound; 1 miss:",
                "  - 42-example [files]: has no README.md");
    }

    @Nested
    @DisplayName("checks a lesson's files")
    class LessonFiles {

        @TempDir
        Path workbook;

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.leakproof.check.FourWayCheckTest#incompleteFiles")
        @DisplayName("and names what is missing")
        void findsMissingFiles(String change, Consumer<Path[]> mutation, List<String> reasons) {
            Lesson lesson = copyOfSoundFixture(workbook);
            mutation.accept(new Path[] {lesson.dir(), lesson.solutionDir()});

            List<Miss> misses = FourWayCheck.completeness(Lesson.load(lesson.dir(), workbook.resolve("solutions")));

            assertThat(misses).allSatisfy(miss -> {
                assertThat(miss.lesson()).isEqualTo("01-sound");
                assertThat(miss.where()).isEqualTo(FourWayCheck.FILES);
                assertThat(miss.test()).isEmpty();
            });
            assertThat(misses).extracting(Miss::reason).containsExactlyElementsOf(reasons);
        }
    }

    static Stream<Arguments> incompleteFiles() {
        return Stream.of(
                files("nothing changed", paths -> { }),
                files("no lesson.properties", paths -> delete(paths[0].resolve("lesson.properties")),
                        "has no lesson.properties"),
                files("lesson.properties without title and package",
                        paths -> write(paths[0].resolve("lesson.properties"),
                                "chapter=Fixtures\nrules=S8\nculprit=History.entries\n"),
                        "lesson.properties has no 'title'", "lesson.properties has no 'package'"),
                files("lesson.properties without the culprit", paths -> replace(paths[0].resolve("lesson.properties"),
                        "culprit=History.entries", ""), "lesson.properties has no 'culprit'"),
                files("a blank README.md", paths -> write(paths[0].resolve("README.md"), "\n  \n"),
                        "has no README.md"),
                files("no HINTS.md", paths -> delete(paths[0].resolve("HINTS.md")), "has no HINTS.md"),
                files("one hint", paths -> write(paths[0].resolve("HINTS.md"), "# Hints\n\n## Hint 1\n\nLook.\n"),
                        "HINTS.md needs at least two '## Hint' sections, from a nudge to the near-answer"),
                files("hints as bold text, not headings",
                        paths -> write(paths[0].resolve("HINTS.md"), "# Hints\n\n**Hint 1** Look.\n\n**Hint 2** Drop.\n"),
                        "HINTS.md needs at least two '## Hint' sections, from a nudge to the near-answer"),
                files("no explore.jsh", paths -> delete(paths[0].resolve("explore.jsh")),
                        "has no explore.jsh (the JShell script that shows the leak growing)"),
                files("no wrong code", paths -> Folders.delete(paths[0].resolve("src/main")),
                        "has no wrong code under src/main/java"),
                files("no tests", paths -> Folders.delete(paths[0].resolve("src/test")),
                        "has no tests under src/test/java"),
                files("no solution folder", paths -> Folders.delete(paths[1]),
                        "has no solution under solutions/01-sound"),
                files("a solution without code", paths -> Folders.delete(paths[1].resolve("src")),
                        "its solution has no code under src/main/java"),
                files("a solution identical to the wrong code", paths -> copy(
                        paths[0].resolve("src/main/java/com/example/fixture/History.java"),
                        paths[1].resolve("src/main/java/com/example/fixture/History.java")),
                        "its solution is identical to the wrong code: there is nothing to learn"),
                files("no SOLUTION.md", paths -> delete(paths[1].resolve("SOLUTION.md")),
                        "its solution has no SOLUTION.md"),
                files("SOLUTION.md without 'The mistake'", paths -> replace(paths[1].resolve("SOLUTION.md"),
                        "## The mistake", "## What went wrong"), "SOLUTION.md has no 'The mistake' heading"),
                files("SOLUTION.md with 'Why' as bold text", paths -> replace(paths[1].resolve("SOLUTION.md"),
                        "## Why", "**Why**"), "SOLUTION.md has no 'Why' heading"));
    }

    @Test
    @DisplayName("accepts SOLUTION.md headings at any level and in any case")
    void solutionHeadingsAtAnyLevel() throws IOException {
        Lesson lesson = copyOfSoundFixture(work.resolve("any-level"));
        Path text = lesson.solutionDir().resolve("SOLUTION.md");
        write(text, Files.readString(text).replace("## Why", "### WHY").replace("## Rule to remember", "# Rule to Remember"));

        assertThat(FourWayCheck.completeness(lesson)).isEmpty();
    }

    @Test
    @DisplayName("judges lesson 01 of the workbook sound, and flips when its solution is copied over the wrong code")
    void lesson01FlipsWhenSolved() {
        String id = "01-growing-event-log";
        Path original = work.resolve("lesson-01-as-is");
        copyTree(ROOT.resolve("lessons").resolve(id), original.resolve("lessons").resolve(id));
        copyTree(ROOT.resolve("solutions").resolve(id), original.resolve("solutions").resolve(id));
        // The four cells are the point here; the lesson's near-misses and alternatives are checked with every lesson.
        deleteTree(original.resolve("solutions").resolve(id).resolve(Fix.Kind.NEAR_MISS.folder()));
        deleteTree(original.resolve("solutions").resolve(id).resolve(Fix.Kind.ALTERNATIVE.folder()));
        Path solved = work.resolve("lesson-01-solved");
        copyTree(original, solved);
        copyTree(solved.resolve("solutions").resolve(id).resolve("src"), solved.resolve("lessons").resolve(id).resolve("src"));

        LessonVerdict before = check(single(original), TIMEOUT, work.resolve("four-way-as-is"), step -> { });
        LessonVerdict after = check(single(solved), TIMEOUT, work.resolve("four-way-solved"), step -> { });

        assertThat(before.misses()).as("misses of lesson 01 as it is").isEmpty();
        assertThat(after.sound()).isFalse();
        assertThat(after.holds(Cell.LEAK_ON_LESSON)).isFalse();
        assertThat(after.holds(Cell.CONTRACT_ON_LESSON)).isTrue();
        assertThat(after.holds(Cell.CONTRACT_ON_SOLUTION)).isTrue();
        assertThat(after.holds(Cell.LEAK_ON_SOLUTION)).isTrue();
        String solvedAlready = "passed on the wrong code: the lesson is already solved, or the test cannot see the leak";
        // Every leak test of the lesson now passes on its "wrong" code, and the files say why.
        List<String> leakTests = before.outcomes().get(LessonCompiler.Variant.LESSON).stream()
                .filter(o -> o.tags().contains("leak")).map(TestOutcome::shortName).collect(Collectors.toList());
        assertThat(leakTests).contains("RecentLoginsTest.forgetsOldSignIns", "RecentLoginsTest.keepsABoundedNumberOfSignIns");
        assertThat(after.misses()).filteredOn(miss -> miss.where().equals("leak/wrong"))
                .allSatisfy(miss -> assertThat(miss.reason()).isEqualTo(solvedAlready))
                .extracting(Miss::test).containsExactlyInAnyOrderElementsOf(leakTests);
        assertThat(after.misses()).filteredOn(miss -> !miss.where().equals("leak/wrong")).singleElement().satisfies(miss ->
                assertMiss(miss, id, FourWayCheck.FILES, "", "its solution is identical to the wrong code: there is nothing to learn"));
        assertThat(CheckReport.table(List.of(after), "lesson 01 solved"))
                .contains("01-growing-event-log [leak/wrong] RecentLoginsTest.forgetsOldSignIns: " + solvedAlready);
    }

    @Test
    @DisplayName("runs a near-miss's tests until the first leak, in a fresh JVM and in a warm one: every contract test, "
            + "one leak failure, not explained, the other leak tests skipped")
    void untilFirstLeak() {
        String id = "01-growing-event-log";
        Path copy = work.resolve("lesson-01-first-leak");
        copyTree(ROOT.resolve("lessons").resolve(id), copy.resolve("lessons").resolve(id));
        copyTree(ROOT.resolve("solutions").resolve(id), copy.resolve("solutions").resolve(id));
        Lesson lesson = single(copy);
        Path out = work.resolve("first-leak");
        LessonCompiler.Result compiled = new LessonCompiler().compile(lesson, LessonCompiler.Variant.LESSON, classPath, out);
        assertThat(compiled.compiled()).as("lesson 01 compiles").isTrue();
        List<Path> fullPath = new ArrayList<>(compiled.classPath());
        fullPath.addAll(classPath);
        TestRunner untilFirstLeak = new TestRunner(JVM_OPTIONS, TIMEOUT).untilFirstLeak();
        Path testClasses = out.resolve("test-classes");

        // Every leak test of lesson 01 fails on its wrong code (the workbook's check proves it): here one runs.
        TestRunner.Run fresh = untilFirstLeak.run(testClasses, fullPath, lesson.dir(), out.resolve("fresh"));
        TestRunner.Run warm;
        List<Path> shared = fullPath.stream().filter(TestRunner::sharedLibrary).collect(Collectors.toList());
        try (TestRunner.Worker worker = untilFirstLeak.startWorker(shared, lesson.dir(), out.resolve("warm"))) {
            warm = untilFirstLeak.run(worker, testClasses, fullPath);
        }

        for (TestRunner.Run run : List.of(fresh, warm)) {
            assertThat(run.crash()).isEmpty();
            assertThat(run.outcomes()).filteredOn(o -> o.tags().contains("contract"))
                    .hasSizeGreaterThan(1)
                    .allSatisfy(o -> assertThat(o.status()).isEqualTo(TestOutcome.Status.PASSED));
            assertThat(run.outcomes()).filteredOn(o -> o.tags().contains("leak"))
                    .hasSizeGreaterThan(1)
                    .extracting(TestOutcome::status)
                    .containsOnlyOnce(TestOutcome.Status.LEAKED)
                    .containsOnly(TestOutcome.Status.LEAKED, TestOutcome.Status.SKIPPED);
            // The verdict is all it needs: the failure is not explained (no heap dump, no path search).
            assertThat(run.outcomes()).filteredOn(o -> o.status() == TestOutcome.Status.LEAKED)
                    .singleElement().extracting(TestOutcome::message).asString()
                    .contains(LeakTracer.NOT_EXPLAINED).doesNotContain("GC root");
        }
        assertThat(warm.outcomes()).extracting(TestOutcome::toString)
                .as("the warm JVM's outcomes").containsExactlyInAnyOrderElementsOf(
                        fresh.outcomes().stream().map(TestOutcome::toString).collect(Collectors.toList()));
    }

    @Test
    @DisplayName("fixture lessons live outside the workbook's lessons, with a solution each")
    void fixturesAreNotLessons() {
        List<String> fixtureIds = new Workbook(FIXTURES).lessons().stream().map(Lesson::id).collect(Collectors.toList());

        assertThat(fixtureIds).containsExactly("01-sound", "02-already-solved", "03-contract-broken",
                "04-leak-by-exception", "05-solution-leaks", "06-does-not-compile", "07-exits", "08-endless-loop",
                "09-incomplete", "10-solution-breaks-before-all", "11-solution-breaks-after-all", "12-disabled-tests",
                "13-culprit-not-named", "14-out-of-memory", "15-stack-overflow", "16-test-deleted", "17-unfair-fixes");
        assertThat(new Workbook(FIXTURES).orphanSolutions()).isEmpty();
        assertThat(new Workbook(ROOT).lessons()).extracting(Lesson::id).doesNotContainAnyElementsOf(fixtureIds);
    }

    // ---------------------------------------------------------------------------------------------

    private static LessonVerdict verdict(String id) {
        return verdict(id, TIMEOUT);
    }

    private static LessonVerdict verdict(String id, Duration timeout) {
        return VERDICTS.computeIfAbsent(id, key -> {
            List<String> steps = java.util.Collections.synchronizedList(new ArrayList<>());
            PROGRESS.put(key, steps);
            Lesson lesson = Lesson.load(FIXTURES.resolve("lessons").resolve(key), FIXTURES.resolve("solutions"));
            return check(lesson, timeout, work.resolve("four-way"), steps::add);
        });
    }

    private static LessonVerdict check(Lesson lesson, Duration timeout, Path workDir, Consumer<String> progress) {
        FourWayCheck check = new FourWayCheck(new TestRunner(JVM_OPTIONS, timeout), workDir, 1, 2);
        return check.check(lesson, classPath, progress);
    }

    private static Lesson single(Path workbook) {
        List<Lesson> lessons = new Workbook(workbook).lessons();
        assertThat(lessons).hasSize(1);
        return lessons.get(0);
    }

    private static void assertMiss(Miss miss, String lesson, String where, String test, String... reasonParts) {
        assertThat(miss.lesson()).as("lesson of %s", miss).isEqualTo(lesson);
        assertThat(miss.where()).as("where of %s", miss).isEqualTo(where);
        assertThat(miss.test()).as("test of %s", miss).isEqualTo(test);
        assertThat(miss.reason()).as("reason of %s", miss).startsWith(reasonParts[0]).contains(reasonParts);
    }

    private static String row(String id, String... cells) {
        return String.format("%-19s  %-19s  %-19s  %-19s  %-19s  %-16s  %-16s  %s", id, cells[0], cells[1], cells[2],
                cells[3], cells[4], cells[5], cells[6]);
    }

    private static Lesson copyOfSoundFixture(Path workbook) {
        copyTree(FIXTURES.resolve("lessons/01-sound"), workbook.resolve("lessons/01-sound"));
        copyTree(FIXTURES.resolve("solutions/01-sound"), workbook.resolve("solutions/01-sound"));
        return Lesson.load(workbook.resolve("lessons/01-sound"), workbook.resolve("solutions"));
    }

    private static Arguments files(String change, Consumer<Path[]> mutation, String... reasons) {
        return Arguments.of(change, mutation, List.of(reasons));
    }

    /** Copies a folder's files over {@code to}, leaving out build output ({@code target/}). */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void replace(Path file, String old, String replacement) {
        try {
            String text = Files.readString(file);
            assertThat(text).contains(old);
            Files.writeString(file, text.replace(old, replacement));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
