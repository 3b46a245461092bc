package dev.leakproof.check;

import dev.leakproof.check.LessonCompiler.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
public final class FourWayCheck implements AutoCloseable {

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
    private final ExecutorService pool;

    /**
     * @param runner  runs compiled tests in a fresh JVM
     * @param workDir where compiled classes and test output go
     * @param repeat  how many times to run each variant; every run must give the same verdicts
     */
    public FourWayCheck(TestRunner runner, Path workDir, int repeat) {
        this(runner, workDir, repeat, 1);
    }

    /**
     * @param parallelism how many test JVMs run side by side: the wrong code, the solution, the near-misses
     *                    and the alternatives of a lesson, and of the lessons {@link #start started} after it
     */
    public FourWayCheck(TestRunner runner, Path workDir, int repeat, int parallelism) {
        if (repeat < 1 || parallelism < 1) {
            throw new IllegalArgumentException("repeat and parallelism must be at least 1, were " + repeat + " and "
                    + parallelism);
        }
        this.compiler = new LessonCompiler();
        this.runner = runner;
        this.workDir = workDir;
        this.repeat = repeat;
        this.pool = Executors.newFixedThreadPool(parallelism, task -> {
            Thread thread = new Thread(task, "four-way-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Checks {@code lesson}, whose test class path is {@code classPath}. */
    public LessonVerdict check(Lesson lesson, List<Path> classPath, Consumer<String> progress) {
        try {
            return start(lesson, classPath, progress).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + lesson.id(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                    : new IllegalStateException("cannot check " + lesson.id(), e.getCause());
        }
    }

    /**
     * Starts checking {@code lesson}: each of its runs (the wrong code, the solution, every near-miss and
     * alternative) waits for a free place among the test JVMs that run side by side, after the runs of
     * lessons started earlier. Each run has a JVM of its own, whose readings (heap, threads, open files)
     * no other JVM can touch.
     */
    public CompletableFuture<LessonVerdict> start(Lesson lesson, List<Path> classPath, Consumer<String> progress) {
        Consumer<String> told = step -> {
            synchronized (progress) {
                progress.accept(step);
            }
        };
        List<CompletableFuture<VariantCheck>> variants = new ArrayList<>();
        for (Variant variant : Variant.values()) {
            variants.add(CompletableFuture.supplyAsync(() -> checkVariant(lesson, variant, classPath, told), pool));
        }
        Workers workers = new Workers(lesson, classPath);
        List<CompletableFuture<FixCheck>> fixes = new ArrayList<>();
        for (Fix fix : lesson.fixes()) {
            fixes.add(CompletableFuture.supplyAsync(() -> {
                told.accept(lesson.id() + ": " + fix.label());
                List<Miss> misses = new ArrayList<>();
                FixVerdict verdict = checkFix(lesson, fix, classPath, workers, misses);
                return new FixCheck(verdict, misses);
            }, pool));
        }
        List<CompletableFuture<?>> all = new ArrayList<>(variants);
        all.addAll(fixes);
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
                .whenComplete((done, failure) -> workers.close())
                .thenApply(done -> {
                    List<Miss> misses = new ArrayList<>(completeness(lesson));
                    Map<Cell, String> cells = new EnumMap<>(Cell.class);
                    Map<Variant, List<TestOutcome>> outcomes = new EnumMap<>(Variant.class);
                    for (CompletableFuture<VariantCheck> variant : variants) {
                        VariantCheck checked = variant.join();
                        misses.addAll(checked.misses());
                        cells.putAll(checked.cells());
                        if (checked.outcomes() != null) {
                            outcomes.put(checked.variant(), checked.outcomes());
                        }
                    }
                    misses.addAll(testCompleteness(lesson, outcomes));
                    List<FixVerdict> verdicts = new ArrayList<>();
                    for (CompletableFuture<FixCheck> fix : fixes) {
                        verdicts.add(fix.join().verdict());
                        misses.addAll(fix.join().misses());
                    }
                    return new LessonVerdict(lesson, cells, outcomes, misses, verdicts);
                });
    }

    /** Stops the test JVMs still running and frees the threads that wait for them. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** What running one variant found: its outcomes (null when it has none), its cells and its misses. */
    private record VariantCheck(Variant variant, List<TestOutcome> outcomes, Map<Cell, String> cells, List<Miss> misses) {
    }

    /** Compiles and runs the wrong code or the solution in a fresh JVM, {@link #repeat} times, and fills its cells. */
    private VariantCheck checkVariant(Lesson lesson, Variant variant, List<Path> classPath, Consumer<String> progress) {
        progress.accept(lesson.id() + ": " + variant.label());
        List<Miss> misses = new ArrayList<>();
        Map<Cell, String> cells = new EnumMap<>(Cell.class);
        Path out = workDir.resolve(lesson.id()).resolve(variant.name().toLowerCase(Locale.ROOT));
        LessonCompiler.Result compiled = compiler.compile(lesson, variant, classPath, out);
        if (!compiled.compiled()) {
            for (Cell cell : cellsOf(variant)) {
                misses.add(new Miss(lesson.id(), cell.heading(), "",
                        "the " + variant.label() + " does not compile: " + String.join("; ", compiled.errors())));
            }
            return new VariantCheck(variant, null, cells, misses);
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
                return new VariantCheck(variant, null, cells, misses);
            }
            if (first == null) {
                first = run.outcomes();
            } else {
                misses.addAll(compareRuns(lesson, variant, first, run.outcomes(), round));
            }
        }
        for (Cell cell : cellsOf(variant)) {
            judge(lesson, cell, first, cells, misses);
        }
        return new VariantCheck(variant, first, cells, misses);
    }

    /** What checking one fix found: its verdict and its misses. */
    private record FixCheck(FixVerdict verdict, List<Miss> misses) {
    }

    /**
     * The warm test JVMs that run a lesson's near-misses and alternatives (see {@link TestRunner.Worker}):
     * each run in a fresh class loader, the JVM replaced whenever a run left anything behind, as in watch
     * mode. The wrong code and the solution, whose verdicts are the lesson's, always run in a fresh JVM.
     */
    private final class Workers implements AutoCloseable {
        private final Lesson lesson;
        private final List<Path> shared;
        private final Queue<TestRunner.Worker> idle = new ConcurrentLinkedQueue<>();
        private final Queue<TestRunner.Worker> started = new ConcurrentLinkedQueue<>();
        private final AtomicInteger count = new AtomicInteger();

        Workers(Lesson lesson, List<Path> classPath) {
            this.lesson = lesson;
            this.shared = classPath.stream().filter(TestRunner::sharedLibrary).collect(Collectors.toList());
        }

        TestRunner.Run run(TestRunner tests, Path testClasses, List<Path> classPath) {
            TestRunner.Worker worker = idle.poll();
            if (worker != null && !worker.awaitReady(Duration.ofMinutes(2))) {
                worker.close(); // replaced after its last run, or ended by it
                worker = null;
            }
            if (worker == null) {
                worker = tests.startWorker(shared, lesson.dir(),
                        workDir.resolve(lesson.id()).resolve("workers").resolve("worker-" + count.incrementAndGet()));
                started.add(worker);
            }
            try {
                return tests.run(worker, testClasses, classPath);
            } finally {
                idle.add(worker);
            }
        }

        @Override
        public void close() {
            started.forEach(TestRunner.Worker::close);
        }
    }

    /**
     * Runs the lesson's tests on a near-miss or an alternative, laid over the wrong code. A near-miss
     * must keep the contract and fail at least one leak test by a leak assertion; an alternative must
     * pass every test. What breaks that is a miss, named by the fix and the test.
     */
    private FixVerdict checkFix(Lesson lesson, Fix fix, List<Path> classPath, Workers workers, List<Miss> misses) {
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
        // A near-miss is proven wrong by its contract and one leak failure: the leak tests after it are skipped.
        TestRunner tests = fix.kind() == Fix.Kind.NEAR_MISS ? runner.untilFirstLeak() : runner;
        List<TestOutcome> first = null;
        for (int round = 1; round <= repeat; round++) {
            TestRunner.Run run = workers.run(tests, out.resolve("test-classes"), fullPath);
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
