package dev.leakproof.check;

import dev.leakproof.check.LessonCompiler.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The check that keeps every lesson honest: compiles each lesson against its wrong code and against
 * its solution, runs its tests in a fresh JVM, and verifies the four cells of {@link Cell} and
 * that the lesson's files are complete.
 *
 * <p>The one implementation behind {@code mvn verify} and the runner's {@code verify} command.
 */
public final class FourWayCheck {

    /** Where completeness misses are filed. */
    public static final String FILES = "files";

    /** Keys every {@code lesson.properties} must have. */
    static final List<String> REQUIRED_PROPERTIES = List.of("title", "chapter", "rules", "package", "culprit");

    /** Headings a solution text must have, in the seeds' "mistake → correct way → rule" voice. */
    static final List<String> SOLUTION_HEADINGS = List.of("The mistake", "The correct way", "Why", "Rule to remember");

    /** Headings of a near-miss's {@code NOTE.md}. */
    static final List<String> NEAR_MISS_HEADINGS = List.of("Why it looks right", "Why it still leaks");

    /** Headings of an alternative's {@code NOTE.md}. */
    static final List<String> ALTERNATIVE_HEADINGS = List.of("Why it is correct");

    private static final Pattern HINT_HEADING = Pattern.compile("(?m)^##\\s+Hint\\b");

    private final LessonCompiler compiler;
    private final TestRunner runner;
    private final Path workDir;
    private final int repeat;
    private final int parallelism;

    /**
     * @param runner  runs compiled tests in a fresh JVM
     * @param workDir where compiled classes and test output go
     * @param repeat  how many times to run each variant; every run must give the same verdicts
     */
    public FourWayCheck(TestRunner runner, Path workDir, int repeat) {
        this(runner, workDir, repeat, 1);
    }

    /** @param parallelism how many of a lesson's near-misses and alternatives to check side by side */
    public FourWayCheck(TestRunner runner, Path workDir, int repeat, int parallelism) {
        if (repeat < 1 || parallelism < 1) {
            throw new IllegalArgumentException("repeat and parallelism must be at least 1, were " + repeat + " and "
                    + parallelism);
        }
        this.compiler = new LessonCompiler();
        this.runner = runner;
        this.workDir = workDir;
        this.repeat = repeat;
        this.parallelism = parallelism;
    }

    /** Checks {@code lesson}, whose test class path is {@code classPath}. */
    public LessonVerdict check(Lesson lesson, List<Path> classPath, Consumer<String> progress) {
        List<Miss> misses = new ArrayList<>(completeness(lesson));
        Map<Cell, String> cells = new EnumMap<>(Cell.class);
        Map<Variant, List<TestOutcome>> outcomes = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            progress.accept(lesson.id() + ": " + variant.label());
            Path out = workDir.resolve(lesson.id()).resolve(variant.name().toLowerCase(Locale.ROOT));
            LessonCompiler.Result compiled = compiler.compile(lesson, variant, classPath, out);
            if (!compiled.compiled()) {
                for (Cell cell : cellsOf(variant)) {
                    misses.add(new Miss(lesson.id(), cell.heading(), "",
                            "the " + variant.label() + " does not compile: " + String.join("; ", compiled.errors())));
                }
                continue;
            }
            List<Path> fullPath = new ArrayList<>(compiled.classPath());
            fullPath.addAll(classPath);
            List<TestOutcome> first = null;
            for (int round = 1; round <= repeat; round++) {
                TestRunner.Run run = runner.run(out.resolve("test-classes"), fullPath, lesson.dir(),
                        out.resolve("run-" + round));
                if (run.crashed()) {
                    for (Cell cell : cellsOf(variant)) {
                        misses.add(new Miss(lesson.id(), cell.heading(), "", run.crash() + lastLines(run.output())));
                    }
                    first = null;
                    break;
                }
                if (first == null) {
                    first = run.outcomes();
                } else {
                    misses.addAll(compareRuns(lesson, variant, first, run.outcomes(), round));
                }
            }
            if (first == null) {
                continue;
            }
            outcomes.put(variant, first);
            for (Cell cell : cellsOf(variant)) {
                judge(lesson, cell, first, cells, misses);
            }
        }
        misses.addAll(testCompleteness(lesson, outcomes));
        List<FixVerdict> fixes = new ArrayList<>();
        for (FixCheck done : checkFixes(lesson, classPath, progress)) {
            fixes.add(done.verdict());
            misses.addAll(done.misses());
        }
        return new LessonVerdict(lesson, cells, outcomes, misses, fixes);
    }

    /** What checking one fix found: its verdict and its misses. */
    private record FixCheck(FixVerdict verdict, List<Miss> misses) {
    }

    /**
     * Checks the lesson's near-misses and alternatives, {@link #parallelism} at a time: each in a test
     * JVM of its own, whose readings (heap, threads, open files) no other JVM can touch.
     */
    private List<FixCheck> checkFixes(Lesson lesson, List<Path> classPath, Consumer<String> progress) {
        List<Fix> all = lesson.fixes();
        if (all.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, all.size()), task -> {
            Thread thread = new Thread(task, "four-way-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<FixCheck>> running = new ArrayList<>();
            for (Fix fix : all) {
                running.add(pool.submit(() -> {
                    synchronized (progress) {
                        progress.accept(lesson.id() + ": " + fix.label());
                    }
                    List<Miss> misses = new ArrayList<>();
                    FixVerdict verdict = checkFix(lesson, fix, classPath, misses);
                    return new FixCheck(verdict, misses);
                }));
            }
            List<FixCheck> done = new ArrayList<>();
            for (Future<FixCheck> one : running) {
                done.add(one.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the fixes of " + lesson.id(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                    : new IllegalStateException("cannot check the fixes of " + lesson.id(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs the lesson's tests on a near-miss or an alternative, laid over the wrong code. A near-miss
     * must keep the contract and fail at least one leak test by a leak assertion; an alternative must
     * pass every test. What breaks that is a miss, named by the fix and the test.
     */
    private FixVerdict checkFix(Lesson lesson, Fix fix, List<Path> classPath, List<Miss> misses) {
        misses.addAll(noteOf(lesson, fix)); // a files miss: the fix itself may still hold
        int before = misses.size();
        Consumer<String> miss = reason -> misses.add(new Miss(lesson.id(), fix.label(), "", reason));
        Path out = workDir.resolve(lesson.id()).resolve(fix.kind().folder()).resolve(fix.name());
        LessonCompiler.Result compiled = compiler.compile(lesson, fix, classPath, out);
        if (!compiled.compiled()) {
            miss.accept("does not compile: " + String.join("; ", compiled.errors()));
            return new FixVerdict(fix, false, List.of());
        }
        List<Path> fullPath = new ArrayList<>(compiled.classPath());
        fullPath.addAll(classPath);
        List<TestOutcome> first = null;
        for (int round = 1; round <= repeat; round++) {
            TestRunner.Run run = runner.run(out.resolve("test-classes"), fullPath, lesson.dir(), out.resolve("run-" + round));
            if (run.crashed()) {
                miss.accept(run.crash() + lastLines(run.output()));
                return new FixVerdict(fix, false, List.of());
            }
            if (first == null) {
                first = run.outcomes();
            } else {
                for (Miss changed : compareRuns(lesson, Variant.LESSON, first, run.outcomes(), round)) {
                    misses.add(new Miss(lesson.id(), "determinism", changed.test(),
                            changed.reason().replace("on the wrong code", "on the " + fix.label())));
                }
            }
        }
        List<String> rejectedBy = new ArrayList<>();
        List<String> otherLeakFailures = new ArrayList<>();
        for (TestOutcome outcome : first) {
            boolean contract = outcome.tags().contains(Cell.ContractOrLeak.CONTRACT.tag());
            boolean leak = outcome.tags().contains(Cell.ContractOrLeak.LEAK.tag());
            if (outcome.classLevel() && outcome.status() != TestOutcome.Status.PASSED) {
                misses.add(new Miss(lesson.id(), fix.label(), outcome.shortName(), "the test class "
                        + describe(outcome)));
            } else if (fix.kind() == Fix.Kind.ALTERNATIVE && outcome.status() != TestOutcome.Status.PASSED) {
                misses.add(new Miss(lesson.id(), fix.label(), outcome.shortName(), describe(outcome)
                        + "; but an alternative is a correct fix, which every test must accept"));
            } else if (contract && outcome.status() != TestOutcome.Status.PASSED) {
                misses.add(new Miss(lesson.id(), fix.label(), outcome.shortName(), describe(outcome)
                        + "; but a near-miss keeps the behaviour (else it is a wrong fix, not a near-miss)"));
            } else if (leak && outcome.status() == TestOutcome.Status.LEAKED) {
                rejectedBy.add(outcome.shortName());
            } else if (leak && outcome.status() != TestOutcome.Status.PASSED) {
                otherLeakFailures.add(outcome.shortName() + " " + describe(outcome));
            }
        }
        if (fix.kind() == Fix.Kind.NEAR_MISS && rejectedBy.isEmpty()) {
            miss.accept(otherLeakFailures.isEmpty()
                    ? "passed every leak test: the tests cannot tell this near-miss from a fix"
                    : "no leak test rejected it by a leak assertion: " + String.join("; ", otherLeakFailures));
        }
        return new FixVerdict(fix, misses.size() == before, rejectedBy);
    }

    /** A near-miss's NOTE.md says why it looks right and why it still leaks; an alternative's, why it is correct. */
    private static List<Miss> noteOf(Lesson lesson, Fix fix) {
        List<Miss> misses = new ArrayList<>();
        try {
            if (LessonCompiler.javaFiles(fix.sources()).isEmpty()) {
                misses.add(new Miss(lesson.id(), FILES, "", fix.label() + " has no code under src/main/java"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path note = fix.dir().resolve(Fix.NOTE);
        if (!nonEmpty(note)) {
            misses.add(new Miss(lesson.id(), FILES, "", fix.label() + " has no " + Fix.NOTE));
            return misses;
        }
        String text = read(note).toLowerCase(Locale.ROOT);
        List<String> headings = fix.kind() == Fix.Kind.NEAR_MISS ? NEAR_MISS_HEADINGS : ALTERNATIVE_HEADINGS;
        for (String heading : headings) {
            if (!Pattern.compile("(?m)^#+\\s+" + Pattern.quote(heading.toLowerCase(Locale.ROOT))).matcher(text).find()) {
                misses.add(new Miss(lesson.id(), FILES, "", fix.label() + "'s " + Fix.NOTE + " has no '" + heading + "' heading"));
            }
        }
        return misses;
    }

    private static String describe(TestOutcome outcome) {
        String message = summary(outcome.message());
        switch (outcome.status()) {
            case PASSED:
                return "passed";
            case LEAKED:
                return "failed by a leak assertion: " + message;
            case SKIPPED:
                return "was skipped or aborted";
            default:
                return (outcome.failureType().endsWith("TimeoutException") ? "timed out"
                        : "failed with " + outcome.failureType()) + (message.isEmpty() ? "" : ": " + message);
        }
    }

    private static void judge(Lesson lesson, Cell cell, List<TestOutcome> outcomes, Map<Cell, String> cells,
            List<Miss> misses) {
        List<TestOutcome> ofKind = outcomes.stream()
                .filter(o -> !o.classLevel() && o.tags().contains(cell.kind().tag()))
                .collect(Collectors.toList());
        for (TestOutcome classFailure : outcomes) {
            // A test class that failed as a whole (an @AfterAll) taints every cell its variant fills.
            if (classFailure.classLevel() && classFailure.status() != cell.expected()) {
                misses.add(new Miss(lesson.id(), cell.heading(), classFailure.shortName(),
                        "the test class " + explain(cell, classFailure)));
            }
        }
        int expected = 0;
        for (TestOutcome outcome : ofKind) {
            if (outcome.status() == cell.expected() && cell == Cell.LEAK_ON_LESSON && !namesCulprit(lesson, outcome)) {
                misses.add(new Miss(lesson.id(), cell.heading(), outcome.shortName(),
                        "failed by a leak assertion, but its message does not name the culprit '"
                                + lesson.property("culprit") + "' declared in " + Lesson.PROPERTIES
                                + ": it may fail for another reason than the lesson's leak"));
            } else if (outcome.status() == cell.expected()) {
                expected++;
            } else {
                misses.add(new Miss(lesson.id(), cell.heading(), outcome.shortName(), explain(cell, outcome)));
            }
        }
        String word = cell.expected() == TestOutcome.Status.LEAKED ? "leaked" : "passed";
        cells.put(cell, expected + "/" + ofKind.size() + " " + word);
    }

    /**
     * Whether a leak failure names the field that holds the lesson's leak: proof that it fails
     * for the right reason. {@code culprit} may list alternatives, separated by {@code |}.
     */
    static boolean namesCulprit(Lesson lesson, TestOutcome outcome) {
        String culprit = lesson.property("culprit");
        if (culprit.isEmpty()) {
            return true; // reported as incomplete files instead
        }
        for (String name : culprit.split("\\|")) {
            if (outcome.message().contains(name.trim())) {
                return true;
            }
        }
        return false;
    }

    private static String explain(Cell cell, TestOutcome outcome) {
        switch (outcome.status()) {
            case PASSED:
                return "passed on the wrong code: the lesson is already solved, or the test cannot see the leak";
            case LEAKED:
                return "failed by a leak assertion, but " + cell.rule() + ": " + summary(outcome.message());
            case SKIPPED:
                return "was skipped or aborted, but " + cell.rule();
            default:
                boolean timedOut = outcome.failureType().endsWith("TimeoutException");
                String message = summary(outcome.message());
                return (timedOut ? "timed out" : "failed with " + outcome.failureType()
                        + (message.isEmpty() ? "" : ": " + message)) + "; but " + cell.rule();
        }
    }

    private static List<Miss> compareRuns(Lesson lesson, Variant variant, List<TestOutcome> first,
            List<TestOutcome> later, int round) {
        List<Miss> misses = new ArrayList<>();
        Map<String, TestOutcome> byName = later.stream()
                .collect(Collectors.toMap(TestOutcome::shortName, o -> o, (a, b) -> a));
        for (TestOutcome outcome : first) {
            TestOutcome again = byName.get(outcome.shortName());
            if (again == null || !outcome.sameVerdict(again)) {
                misses.add(new Miss(lesson.id(), "determinism", outcome.shortName(), "on the " + variant.label()
                        + ", run 1 gave " + outcome.status() + " but run " + round + " gave "
                        + (again == null ? "no result" : again.status())));
            }
        }
        return misses;
    }

    private static List<Cell> cellsOf(Variant variant) {
        List<Cell> cells = new ArrayList<>();
        for (Cell cell : Cell.values()) {
            if (cell.variant() == variant) {
                cells.add(cell);
            }
        }
        return cells;
    }

    /** The lesson's files: metadata, README, hints, JShell script, solution and its text. */
    static List<Miss> completeness(Lesson lesson) {
        List<Miss> misses = new ArrayList<>();
        Consumer<String> miss = reason -> misses.add(new Miss(lesson.id(), FILES, "", reason));
        Path dir = lesson.dir();
        if (!Files.isRegularFile(dir.resolve(Lesson.PROPERTIES))) {
            miss.accept("has no " + Lesson.PROPERTIES);
        } else {
            for (String key : REQUIRED_PROPERTIES) {
                if (lesson.property(key).isEmpty()) {
                    miss.accept(Lesson.PROPERTIES + " has no '" + key + "'");
                }
            }
        }
        if (!nonEmpty(dir.resolve("README.md"))) {
            miss.accept("has no README.md");
        }
        Path hints = dir.resolve("HINTS.md");
        if (!nonEmpty(hints)) {
            miss.accept("has no HINTS.md");
        } else if (count(HINT_HEADING, read(hints)) < 2) {
            miss.accept("HINTS.md needs at least two '## Hint' sections, from a nudge to the near-answer");
        }
        if (!Files.isRegularFile(dir.resolve("explore.jsh"))) {
            miss.accept("has no explore.jsh (the JShell script that shows the leak growing)");
        }
        try {
            if (LessonCompiler.javaFiles(lesson.mainSources()).isEmpty()) {
                miss.accept("has no wrong code under src/main/java");
            }
            if (LessonCompiler.javaFiles(lesson.testSources()).isEmpty()) {
                miss.accept("has no tests under src/test/java");
            }
            if (!Files.isDirectory(lesson.solutionDir())) {
                miss.accept("has no solution under solutions/" + lesson.id());
                return misses;
            }
            if (LessonCompiler.javaFiles(lesson.solutionSources()).isEmpty()) {
                miss.accept("its solution has no code under src/main/java");
            } else if (sameAsLesson(lesson)) {
                miss.accept("its solution is identical to the wrong code: there is nothing to learn");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path text = lesson.solutionDir().resolve("SOLUTION.md");
        if (!nonEmpty(text)) {
            miss.accept("its solution has no SOLUTION.md");
        } else {
            String solution = read(text).toLowerCase(Locale.ROOT);
            for (String heading : SOLUTION_HEADINGS) {
                if (!Pattern.compile("(?m)^#+\\s+" + Pattern.quote(heading.toLowerCase(Locale.ROOT))).matcher(solution).find()) {
                    miss.accept("SOLUTION.md has no '" + heading + "' heading");
                }
            }
        }
        return misses;
    }

    /** At least one test of each kind, and every test tagged as exactly one kind. */
    private static List<Miss> testCompleteness(Lesson lesson, Map<Variant, List<TestOutcome>> outcomes) {
        List<TestOutcome> tests = outcomes.getOrDefault(Variant.LESSON, outcomes.get(Variant.SOLUTION));
        if (tests == null) {
            return List.of();
        }
        List<Miss> misses = new ArrayList<>();
        for (Cell.ContractOrLeak kind : Cell.ContractOrLeak.values()) {
            if (tests.stream().noneMatch(t -> t.tags().contains(kind.tag()))) {
                misses.add(new Miss(lesson.id(), FILES, "", "has no " + kind.tag() + " test"));
            }
        }
        for (TestOutcome test : tests) {
            if (test.classLevel()) {
                continue;
            }
            boolean contract = test.tags().contains(Cell.ContractOrLeak.CONTRACT.tag());
            boolean leak = test.tags().contains(Cell.ContractOrLeak.LEAK.tag());
            if (contract == leak) {
                misses.add(new Miss(lesson.id(), FILES, test.shortName(),
                        "must be either a @ContractTest or a @LeakTest (tags: " + test.tags() + ")"));
            }
        }
        return misses;
    }

    private static boolean sameAsLesson(Lesson lesson) throws IOException {
        Map<Path, Path> wrong = LessonCompiler.mainSources(lesson, Variant.LESSON);
        Map<Path, Path> solved = LessonCompiler.mainSources(lesson, Variant.SOLUTION);
        for (Map.Entry<Path, Path> file : solved.entrySet()) {
            Path original = wrong.get(file.getKey());
            if (original == null || Files.mismatch(original, file.getValue()) != -1) {
                return false;
            }
        }
        return true;
    }

    private static boolean nonEmpty(Path file) {
        return Files.isRegularFile(file) && !read(file).isBlank();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /**
     * A failure message on one line: assertion messages spread over lines ({@code Expecting actual:},
     * the value, what was expected), and the first line alone rarely says what went wrong.
     */
    private static String summary(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }

    private static String lastLines(String output) {
        List<String> lines = output.strip().lines().collect(Collectors.toList());
        if (lines.isEmpty()) {
            return "";
        }
        return "; last output: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
