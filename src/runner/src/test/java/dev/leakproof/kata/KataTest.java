package dev.leakproof.kata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kata's commands on the four-way check's fixture workbook ({@code src/check/src/test/fixtures},
 * copied to a temporary folder), in this JVM; the lessons' tests run, as always, in test JVMs of their
 * own. The lessons' class path is this JVM's (toolkit, JUnit, AssertJ), so no Maven run is needed.
 */
@DisplayName("The kata runner")
class KataTest {

    static final Path ROOT = Path.of(System.getProperty("leakproof.root", "../..")).toAbsolutePath().normalize();
    static final Path FIXTURES = ROOT.resolve("src/check/src/test/fixtures");
    static final String HISTORY = "src/main/java/com/example/fixture/History.java";

    @TempDir
    Path root;

    /** What one command printed, and its exit code. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeEach
    void copyFixtures() throws IOException {
        Backups.copy(FIXTURES.resolve("lessons"), root.resolve("lessons"));
        Backups.copy(FIXTURES.resolve("solutions"), root.resolve("solutions"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    }

    Result kata(String... args) {
        System.setProperty("kata.root", root.toString());
        System.setProperty("kata.classpath", System.getProperty("java.class.path"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), new Style(false));
        return new Result(code, out.toString(), err.toString());
    }

    void solve(String lesson) throws IOException {
        Files.copy(root.resolve("solutions").resolve(lesson).resolve(HISTORY), root.resolve("lessons").resolve(lesson).resolve(HISTORY),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @DisplayName("run: fails on the untouched code with the leak explained, passes once the lesson is fixed")
    void runRedThenGreen() throws IOException {
        Result red = kata("run", "01-sound");
        assertThat(red.exitCode()).as(red.all()).isEqualTo(1);
        assertThat(red.out()).contains("Red: 1 of 2 tests of 01-sound fail. The code leaks.",
                "[ok] contract shows the latest entries, oldest first",
                "[x] leak     keeps no more entries than it shows", ": leaked",
                "Expected", "to grow by at most 3", "Stuck? kata hint 01-sound");

        solve("01-sound");
        Result green = kata("run", "sound");
        assertThat(green.exitCode()).as(green.all()).isZero();
        assertThat(green.out()).contains("Green: all 2 tests of 01-sound pass. The leak is gone.", "kata solution 01-sound");
        assertThat(green.all()).doesNotContain("\u001b[");

        String progress = Files.readString(root.resolve(".kata/progress.properties"));
        assertThat(progress).contains("01-sound.status=green", "01-sound.runs=2", "current=01-sound");
    }

    @Test
    @DisplayName("run: says the leak is gone only of a lesson that has a leak test")
    void greenWithoutLeakTests() {
        Result green = kata("run", "09-incomplete");
        assertThat(green.exitCode()).as(green.all()).isZero();
        assertThat(green.out()).contains("Green: all 2 tests of 09-incomplete pass.").doesNotContain("leak is gone");
    }

    @Test
    @DisplayName("list: lessons by chapter, with their status and a progress bar, in plain text off a terminal")
    void list() throws IOException {
        solve("01-sound");
        kata("run", "1");
        Result list = kata("list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("Fixtures", "green    01-sound", "untried  02-already-solved",
                "Progress [#.......................] 1/17 lessons green");
        assertThat(list.all()).doesNotContain("\u001b[");
    }

    @Nested
    @DisplayName("faults in the learner's code: a clear message, and the runner keeps going")
    class Faults {

        @Test
        @DisplayName("a compile error: the file, the line and the compiler's text")
        void compileError() {
            Result result = kata("run", "06-does-not-compile");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("The code does not compile:",
                    "lessons/06-does-not-compile/src/main/java/com/example/fixture/History.java:17: ';' expected");
        }

        @Test
        @DisplayName("an endless loop in a test class's set-up: the per-test time-out stops it and names the class")
        void endlessLoop() {
            Result result = kata("--timeout", "10", "run", "08-endless-loop");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("The tests did not finish: the test class HistoryTest "
                    + "ran longer than 10 s and was stopped: is there an endless loop?");
        }

        @Test
        @DisplayName("an endless loop in a test: the per-test time-out stops it and names the test")
        void endlessLoopInATest() throws IOException {
            // The same fixture without its set-up: now the first test to add a fourth entry spins.
            Path test = root.resolve("lessons/08-endless-loop/src/test/java/com/example/fixture/HistoryTest.java");
            String withoutSetUp = Files.readString(test).replaceAll("(?s)    @BeforeAll.*?\n    }\n", "");
            assertThat(withoutSetUp).doesNotContain("@BeforeAll");
            Files.writeString(test, withoutSetUp);

            Result result = kata("--timeout", "10", "run", "08-endless-loop");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).containsPattern("The tests did not finish: the test HistoryTest\\.(showsTheLatest|staysBounded) "
                    + "ran longer than 10 s and was stopped: is there an endless loop\\?");
        }

        @Test
        @DisplayName("an OutOfMemoryError: the test JVM's heap filled up, the runner's did not")
        void outOfMemory() {
            // The test JVM dies of it; were it to struggle on instead, the per-test time-out would stop it:
            // either way the learner reads that the heap ran out.
            Result result = kata("--timeout", "20", "run", "14-out-of-memory");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).containsPattern("the test JVM ran out of memory|The test JVM ran out of memory "
                    + "\\(java.lang.OutOfMemoryError\\) before that")
                    .contains("The code filled the test JVM's heap (-Xmx256m): something it keeps grows without a bound.");
        }

        @Test
        @DisplayName("a StackOverflowError: named as an endless recursion, with the learner's frames")
        void stackOverflow() {
            Result result = kata("run", "15-stack-overflow");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("StackOverflowError: the stack overflowed; is there an endless recursion?",
                    "at com.example.fixture.History.kept(History.java:");
        }

        @Test
        @DisplayName("System.exit: ends only the test JVM; the runner reports it and runs the next lesson")
        void systemExit() throws IOException {
            Result result = kata("run", "07-exits");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("the test JVM ended with exit code 3 before reporting",
                    "throw an exception instead of calling System.exit");
            solve("01-sound");
            assertThat(kata("run", "01-sound").exitCode()).isZero();
        }

        @Test
        @DisplayName("a deleted test file: says so and how to get it back")
        void testDeleted() {
            Result result = kata("run", "16-test-deleted");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("Nothing to run: there is no test under lessons/16-test-deleted/src/test/java: "
                    + "was a test file deleted? `kata reset 16-test-deleted` brings the tests back");
        }

        @Test
        @DisplayName("an unknown lesson name: suggests the nearest, when one is near")
        void unknownLesson() {
            Result result = kata("run", "sond");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("kata: no lesson 'sond'; did you mean 01-sound?");
            assertThat(kata("hint", "endles-lop").err()).contains("did you mean 08-endless-loop?");
            Result far = kata("run", "quantum-flux");
            assertThat(far.exitCode()).isEqualTo(2);
            assertThat(far.err()).contains("kata: no lesson 'quantum-flux' (`kata list` shows them all)")
                    .doesNotContain("did you mean");
        }

        @Test
        @DisplayName("a lesson number out of range: says the range, suggests nothing")
        void numberOutOfRange() {
            for (String number : List.of("99", "0")) {
                Result result = kata("run", number);
                assertThat(result.exitCode()).isEqualTo(2);
                assertThat(result.err()).contains("kata: there is no lesson " + number + ": the lessons are numbered 1 to 17")
                        .doesNotContain("did you mean");
            }
            assertThat(kata("hint", "0").err()).contains("there is no lesson 0");
        }

        @Test
        @DisplayName("a name that fits several lessons: lists them and runs none")
        void ambiguousName() {
            Result result = kata("run", "breaks");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("kata: 'breaks' fits 2 lessons: 10-solution-breaks-before-all, "
                    + "11-solution-breaks-after-all. Name one of them.");
            assertThat(result.out()).isEmpty();
            assertThat(root.resolve(".kata/progress.properties")).doesNotExist();
            assertThat(kata("hint", "before-all").out()).contains("Hint 1 of"); // a part only one lesson has
        }

        @Test
        @DisplayName("a JRE without a compiler: says to use a JDK")
        void noCompiler() throws Exception {
            // A JVM limited to the Java SE modules has javax.tools but no compiler behind it, as a JRE.
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--limit-modules", "java.se,jdk.unsupported",
                    "-Dkata.root=" + root, "-Dkata.classpath=" + System.getProperty("java.class.path"),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "01-sound"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("The code does not compile:",
                    "this Java runtime has no compiler (javax.tools); run Leakproof with a JDK, not a JRE");
        }

        @Test
        @DisplayName("a corrupt progress file: keeps every line it can read, warns of the others, never a crash")
        void corruptProgress() throws IOException {
            Files.createDirectories(root.resolve(".kata"));
            Path file = root.resolve(".kata/progress.properties");
            Files.writeString(file, "current=02-already-solved\n01-sound.status=green\n01-sound.runs=banana\n"
                    + "03-contract-broken.status=purple\n02-already-solved.status=green\n\u0000\u0001garbage=\\u12\n");
            Result list = kata("list");
            assertThat(list.exitCode()).isZero();
            assertThat(list.err()).contains("warning: progress.properties: 3 lines could not be read and were left out:",
                    "line 3 ('banana' is not a count for 01-sound.runs)", "line 4 ('purple' is not a status of 03-contract-broken)",
                    "line 6 (unreadable", "The rest of your progress is kept", "progress.properties.corrupt-");
            assertThat(list.out()).contains("green    01-sound", "green    02-already-solved", "untried  03-contract-broken",
                    "▶ green    02-already-solved");
            assertThat(Files.readString(file)).contains("01-sound.status=green").doesNotContain("banana");

            // A second corruption keeps its own copy: the first one is never overwritten.
            Files.writeString(file, "01-sound.hints=-1\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            assertThat(kata("list").err()).contains("line ", "'-1' is not a count for 01-sound.hints");
            try (var copies = Files.list(root.resolve(".kata"))) {
                List<Path> corrupt = copies.filter(p -> p.getFileName().toString().startsWith("progress.properties.corrupt"))
                        .collect(Collectors.toList());
                assertThat(corrupt).hasSize(2);
                assertThat(corrupt).anySatisfy(p -> assertThat(Files.readString(p)).contains("banana"));
            }
        }
    }

    @Test
    @DisplayName("hint: the next hint each time, then says it was the last")
    void hints() {
        assertThat(kata("hint", "01-sound").out()).contains("## Hint 1", "How many entries", "Hint 1 of 2")
                .doesNotContain("Hint 2\n");
        assertThat(kata("hint", "01-sound").out()).contains("## Hint 2", "Drop the oldest", "Hint 2 of 2; that was the last");
        assertThat(kata("hint", "01-sound").out()).contains("That was the last hint (2 of 2)");
    }

    @Test
    @DisplayName("reset: back to the original code with the learner's version backed up; --undo brings it back")
    void resetAndUndo() throws Exception {
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=kata", "-c", "user.email=kata@example.com", "commit", "-q", "-m", "fixtures");
        Path history = root.resolve("lessons/01-sound").resolve(HISTORY);
        String original = Files.readString(history);
        solve("01-sound");
        String mine = Files.readString(history) + "// my notes\n";
        Files.writeString(history, mine);
        Files.writeString(history.resolveSibling("Extra.java"), "package com.example.fixture;\nclass Extra {}\n");

        Result reset = kata("reset", "01-sound");
        assertThat(reset.exitCode()).as(reset.all()).isZero();
        assertThat(reset.out()).contains("Reset 01-sound to its original code. Your version is in .kata/backups/01-sound/",
                "kata reset --undo 01-sound");
        assertThat(Files.readString(history)).isEqualTo(original);
        assertThat(history.resolveSibling("Extra.java")).doesNotExist();

        Result undo = kata("reset", "--undo", "01-sound");
        assertThat(undo.exitCode()).as(undo.all()).isZero();
        assertThat(Files.readString(history)).isEqualTo(mine);
        assertThat(history.resolveSibling("Extra.java")).exists();
        // what the undo replaced (the original) is kept too
        try (var backups = Files.list(root.resolve(".kata/backups/01-sound"))) {
            assertThat(backups.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .anyMatch(name -> name.endsWith("-restored")).anyMatch(name -> name.endsWith("-replaced-by-undo"));
        }
        assertThat(kata("reset", "--undo", "01-sound").err()).contains("there is no backup of 01-sound to restore");
    }

    @Test
    @DisplayName("reset: back to the workbook's original code even after the learner committed their own")
    void resetPastTheLearnersCommits() throws Exception {
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=kata", "-c", "user.email=kata@example.com", "commit", "-q", "-m", "fixtures");
        git("update-ref", "refs/remotes/origin/HEAD", "HEAD"); // as in a clone of the workbook
        Path history = root.resolve("lessons/01-sound").resolve(HISTORY);
        String original = Files.readString(history);
        solve("01-sound");
        git("add", "-A");
        git("-c", "user.name=kata", "-c", "user.email=kata@example.com", "commit", "-q", "-m", "my fix");

        Result reset = kata("reset", "01-sound");

        assertThat(reset.exitCode()).as(reset.all()).isZero();
        assertThat(Files.readString(history)).isEqualTo(original);
    }

    @Test
    @DisplayName("solution: only after a try (or --force): the diff with the reference, and the why")
    void solution() {
        Result early = kata("solution", "01-sound");
        assertThat(early.exitCode()).isEqualTo(1);
        assertThat(early.err()).contains("Try first");

        Result forced = kata("solution", "--force", "01-sound");
        assertThat(forced.exitCode()).isZero();
        assertThat(forced.out()).contains("--- yours/com/example/fixture/History.java",
                "+++ reference/com/example/fixture/History.java", "+        if (entries.size() == size) {",
                "## The correct way", "## Rule to remember");
    }

    @Test
    @DisplayName("reset then undo: the status comes back with the code")
    void undoRestoresTheStatus() throws Exception {
        commitFixtures();
        solve("01-sound");
        assertThat(kata("run", "01-sound").exitCode()).isZero();
        assertThat(kata("list").out()).contains("green    01-sound");

        kata("reset", "01-sound");
        assertThat(kata("list").out()).contains("untried  01-sound");
        kata("reset", "--undo", "01-sound");
        assertThat(kata("list").out()).contains("green    01-sound");
    }

    @Test
    @DisplayName("reset --tests: restores the tests and the lesson's files, keeps the learner's main code")
    void resetTestsOnly() throws Exception {
        commitFixtures();
        Path lesson = root.resolve("lessons/01-sound");
        Path test = lesson.resolve("src/test/java/com/example/fixture/HistoryTest.java");
        String originalTest = Files.readString(test);
        solve("01-sound");
        String mine = Files.readString(lesson.resolve(HISTORY)) + "// my fix\n";
        Files.writeString(lesson.resolve(HISTORY), mine);
        Files.delete(test);
        Files.delete(lesson.resolve("HINTS.md"));

        Result reset = kata("reset", "--tests", "01-sound");

        assertThat(reset.exitCode()).as(reset.all()).isZero();
        assertThat(reset.out()).contains("Restored the tests and files of 01-sound; your main code is as it was.",
                ".kata/backups/01-sound/");
        assertThat(Files.readString(test)).isEqualTo(originalTest);
        assertThat(lesson.resolve("HINTS.md")).exists();
        assertThat(Files.readString(lesson.resolve(HISTORY))).isEqualTo(mine);
        assertThat(kata("run", "01-sound").exitCode()).isZero();
    }

    @Test
    @DisplayName("every command takes --help: its usage, exit code 0")
    void helpEverywhere() {
        for (String command : List.of("list", "run", "hint", "reset", "solution", "verify", "shell", "watch")) {
            Result help = kata(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: kata " + command);
            assertThat(help.all()).as(command).doesNotContain("Unknown option");
        }
    }

    @Test
    @DisplayName("a workshop can hide the solutions until the instructor allows them")
    void workshopHidesSolutions() throws IOException {
        kata("run", "01-sound");
        Files.writeString(root.resolve(Kata.WORKSHOP_FILE), "solutions=hidden\n");
        Result hidden = kata("solution", "01-sound");
        assertThat(hidden.exitCode()).isEqualTo(1);
        assertThat(hidden.err()).contains("The reference solutions are hidden in this workshop (workshop.properties says "
                + "solutions=hidden): ask your instructor.");
        assertThat(hidden.out()).doesNotContain("reference/");
        kata("hint", "01-sound");
        assertThat(kata("hint", "01-sound").out() + kata("hint", "01-sound").out())
                .contains("Solutions are hidden in this workshop: ask your instructor.").doesNotContain("kata solution");

        Files.writeString(root.resolve(Kata.WORKSHOP_FILE), "solutions=shown\n");
        assertThat(kata("solution", "01-sound").exitCode()).isZero();
    }

    @Test
    @DisplayName("a workshop's environment variable overrides its file, either way")
    void workshopEnvironment() throws IOException {
        Files.writeString(root.resolve(Kata.WORKSHOP_FILE), "solutions=hidden\n");
        System.setProperty("kata.root", root.toString());
        Kata kata = Kata.fromEnvironment(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new Style(false));
        assertThat(kata.solutionsHidden()).contains("workshop.properties");
        kata.environment(name -> name.equals("KATA_SOLUTIONS") ? "shown" : null);
        assertThat(kata.solutionsHidden()).isEmpty();
        Files.delete(root.resolve(Kata.WORKSHOP_FILE));
        kata.environment(name -> name.equals("KATA_SOLUTIONS") ? "hidden" : null);
        assertThat(kata.solutionsHidden()).isEqualTo("KATA_SOLUTIONS=hidden is set");
    }

    @Test
    @DisplayName("verify: the four-way check, with a JSON report per lesson and test")
    void verifyJson() throws IOException {
        Path report = root.resolve("report.json");
        Result result = kata("verify", "--json-file", report.toString(), "--repeat", "2", "--gc", "serial", "01-sound");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("Four-way check (", "-XX:+UseSerialGC", "runs per lesson: 2",
                "01-sound", "1 of 1 lessons sound", "JSON report:");
        assertThat(result.err()).contains("verify [####################] 4/4 01-sound: sound");
        String json = Files.readString(report);
        assertThat(json).contains("\"id\": \"01-sound\"", "\"sound\": true", "\"leak/wrong\": {", "\"status\": \"LEAKED\"",
                "\"method\": \"staysBounded\"", "\"testJvmOptions\": [", "\"nearMisses\": [", "\"name\": \"trims-when-read\"",
                "\"rejectedBy\": [", "\"alternatives\": [", "\"name\": \"array-deque\"");
        assertThat(result.out()).contains("✔ 1/1 rejected", "✔ 1/1 accepted");
    }

    @Test
    @DisplayName("verify --json 2: checks lesson 2 only and writes the report to standard output, no file named 2")
    void verifyJsonThenALesson() throws IOException {
        Result result = kata("verify", "--json", "2");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1); // 02-already-solved is broken on purpose
        assertThat(result.out()).startsWith("{").contains("\"id\": \"02-already-solved\"").doesNotContain("01-sound");
        assertThat(result.err()).contains("0 of 1 lessons sound");
        assertThat(root.resolve("2")).doesNotExist();
        assertThat(Path.of("2")).doesNotExist();
    }

    @Test
    @DisplayName("verify --gc: the collector named replaces the one the test JVM options already hold")
    void verifyGcReplacesTheCollector() {
        assertThat(VerifyCommand.withCollector(List.of("-Xmx256m", "-XX:+UseZGC"), "-XX:+UseSerialGC"))
                .containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(VerifyCommand.withCollector(List.of("-Xmx256m", "-XX:+UseZGC"), "-XX:+DisableExplicitGC"))
                .containsExactly("-Xmx256m", "-XX:+UseZGC", "-XX:+DisableExplicitGC");
        assertThat(VerifyCommand.withCollector(List.of("-Xmx256m", "-XX:+UseParallelGC"), "-XX:+UseG1GC -XX:+DisableExplicitGC"))
                .containsExactly("-Xmx256m", "-XX:+UseG1GC", "-XX:+DisableExplicitGC");
    }

    @Test
    @DisplayName("verify with test JVM options that cannot start a JVM: says so, and does not blame the learner's code")
    void verifyJvmThatCannotStart() {
        Result result = kata("verify", "--gc", "-XX:+UseSerialGC -XX:+UseParallelGC", "01-sound");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("the test JVM could not start (exit code 1): Multiple garbage collectors selected")
                .doesNotContain("System.exit");
    }

    @Test
    @DisplayName("verify: a broken lesson fails the check, naming the cells")
    void verifyBroken() {
        Result result = kata("verify", "06-does-not-compile", "--json");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("{").contains("\"sound\": false", "does not compile");
        assertThat(result.err()).contains("0 of 1 lessons sound");
    }

    @Test
    @DisplayName("verify in a learner's clone: checks the lessons as shipped, not the learner's solved code")
    void verifyChecksTheLessonsAsShipped() throws Exception {
        commitFixtures();
        solve("01-sound");
        Path report = root.resolve("report.json");

        Result shipped = kata("verify", "--json-file", report.toString(), "01-sound");
        assertThat(shipped.exitCode()).as(shipped.all()).isZero();
        assertThat(shipped.out()).containsPattern("checked: the lessons as shipped \\(HEAD, [0-9a-f]{12}\\)")
                .contains("1 of 1 lessons sound");
        assertThat(git("status", "--porcelain", "--", "lessons", "solutions")).as("the learner's files and index are untouched")
                .isEqualTo(" M lessons/01-sound/" + HISTORY + "\n");

        Result workingCopy = kata("verify", "--working-copy", "01-sound");
        assertThat(workingCopy.exitCode()).isEqualTo(1);
        assertThat(workingCopy.out()).contains("checked: the working copy", "0 of 1 lessons sound");
    }

    @Test
    @DisplayName("verify outside a git clone: checks the working copy and says so")
    void verifyOutsideGit() {
        Result result = kata("verify", "01-sound");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("checked: the working copy (not a git clone");
    }

    private void commitFixtures() throws Exception {
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=kata", "-c", "user.email=kata@example.com", "commit", "-q", "-m", "fixtures");
    }

    private String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as(output).isZero();
        return output;
    }
}
