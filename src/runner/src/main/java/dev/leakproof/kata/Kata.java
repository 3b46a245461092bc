package dev.leakproof.kata;

import dev.leakproof.check.Lesson;
import dev.leakproof.check.TestRunner;
import dev.leakproof.check.Workbook;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/** What every command works with: the workbook, the learner's progress, the output and the settings. */
final class Kata {

    /** Thrown for a mistake of the learner's that ends a command with a message, not a stack trace. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        Stop(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    private final Workbook workbook;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Style style;
    private final ClassPaths classPaths;
    private final String testJvmArgs;
    private Duration perTestTimeout = Duration.ofSeconds(60);
    private Progress progress;
    private java.util.function.Function<String, String> environment = System::getenv;

    Kata(Workbook workbook, PrintWriter out, PrintWriter err, Style style, List<Path> fixedClassPath, Path mavenCommand) {
        this.workbook = workbook;
        this.out = out;
        this.err = err;
        this.style = style;
        this.classPaths = new ClassPaths(fixedClassPath, mavenCommand, workbook.root().resolve(".kata").resolve("maven"),
                workbook.root().resolve("pom.xml"));
        this.testJvmArgs = System.getProperty("kata.testJvmArgs", builtInTestJvmArgs());
    }

    /** The kata as {@code ./kata} starts it: the root from {@code kata.root}, or found from the current folder. */
    static Kata fromEnvironment(PrintWriter out, PrintWriter err, Style style) {
        String fixed = System.getProperty("kata.classpath");
        List<Path> classPath = fixed == null || fixed.isBlank() ? null
                : Arrays.stream(fixed.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of)
                        .collect(Collectors.toList());
        String mvn = System.getProperty("kata.mvn", System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn");
        return new Kata(new Workbook(findRoot()), out, err, style, classPath, Path.of(mvn));
    }

    private static Path findRoot() {
        String root = System.getProperty("kata.root");
        if (root != null && !root.isBlank()) {
            return Path.of(root);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("lessons")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new Stop("kata: cannot find the workbook: run it from the Leakproof folder (the one with lessons/)", 2);
    }

    private static String builtInTestJvmArgs() {
        Properties properties = new Properties();
        try (InputStream in = Kata.class.getResourceAsStream("kata.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String args = properties.getProperty("testJvmArgs", "-Xmx256m");
        return args.contains("${") ? "-Xmx256m" : args;
    }

    Workbook workbook() {
        return workbook;
    }

    Path root() {
        return workbook.root();
    }

    Path kataDir() {
        return root().resolve(".kata");
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    Style style() {
        return style;
    }

    Progress progress() {
        if (progress == null) {
            progress = Progress.load(kataDir().resolve("progress.properties"), warning -> {
                err.println(style.yellow(warning));
                err.flush();
            });
        }
        return progress;
    }

    List<Lesson> lessons() {
        return workbook.lessons();
    }

    /** The options of every test JVM: the root pom's {@code leakproof.testJvmArgs}, plus any given. */
    List<String> testJvmOptions(String extra) {
        List<String> options = new ArrayList<>(TestRunner.splitOptions(testJvmArgs));
        options.addAll(TestRunner.splitOptions(extra));
        return options;
    }

    /** Where settings such as {@code KATA_SOLUTIONS} are read from (the process environment; tests set their own). */
    void environment(java.util.function.Function<String, String> environment) {
        this.environment = environment;
    }

    void perTestTimeout(Duration timeout) {
        this.perTestTimeout = timeout;
    }

    TestRunner testRunner() {
        return new TestRunner(testJvmOptions(""), Duration.ofMinutes(10)).withPerTestTimeout(perTestTimeout);
    }

    List<Path> classPath(Lesson lesson) {
        return classPaths.of(lesson, lessons(), note -> {
            err.println(style.dim(note));
            err.flush();
        });
    }

    /** The file an instructor hands out (or commits to the workshop's copy) to set up a workshop. */
    static final String WORKSHOP_FILE = "workshop.properties";

    /**
     * Why the reference solutions are hidden, or empty when they are shown: {@code solutions=hidden}
     * in {@value #WORKSHOP_FILE} at the workbook's root, or {@code KATA_SOLUTIONS=hidden} in the
     * environment ({@code KATA_SOLUTIONS=shown} overrides the file, for when the instructor allows it).
     */
    String solutionsHidden() {
        String fromEnvironment = environment.apply("KATA_SOLUTIONS");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip().equalsIgnoreCase("hidden") ? "KATA_SOLUTIONS=hidden is set" : "";
        }
        Path file = root().resolve(WORKSHOP_FILE);
        if (!Files.isRegularFile(file)) {
            return "";
        }
        Properties workshop = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            workshop.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return WORKSHOP_FILE + " is unreadable (" + e.getMessage() + "), so solutions stay hidden";
        }
        return workshop.getProperty("solutions", "shown").strip().equalsIgnoreCase("hidden")
                ? WORKSHOP_FILE + " says solutions=hidden" : "";
    }

    /** Where to go after the last hint: the solution, or the instructor in a workshop that hides it. */
    String solutionAdvice(Lesson lesson) {
        return solutionsHidden().isEmpty() ? "After a try: kata solution " + lesson.id()
                : "Solutions are hidden in this workshop: ask your instructor.";
    }

    /**
     * The lesson the learner named, or a stop that says why none: a number out of range gives the
     * range, a name that fits several lists them, and a mistyped one gets the nearest name, if any is near.
     */
    Lesson lesson(String typed) {
        List<Lesson> lessons = lessons();
        List<Lesson> candidates = Workbook.candidates(lessons, typed);
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        String shown = typed.strip();
        if (candidates.size() > 1) {
            throw new Stop("kata: '" + shown + "' fits " + candidates.size() + " lessons: "
                    + candidates.stream().map(Lesson::id).collect(Collectors.joining(", ")) + ". Name one of them.", 2);
        }
        if (shown.matches("\\d+")) {
            int first = lessons.stream().mapToInt(Lesson::number).filter(n -> n >= 0).min().orElse(1);
            int last = lessons.stream().mapToInt(Lesson::number).max().orElse(0);
            throw new Stop("kata: there is no lesson " + shown + ": the lessons are numbered " + first + " to " + last
                    + " (`kata list` shows them all)", 2);
        }
        String suggestion = Names.nearest(lessons, typed).map(l -> "; did you mean " + l.id() + "?").orElse("");
        throw new Stop("kata: no lesson '" + shown + "'" + suggestion + " (`kata list` shows them all)", 2);
    }

    /** The current lesson: the one last worked on, or the first that is not green. */
    Lesson current() {
        List<Lesson> lessons = lessons();
        if (lessons.isEmpty()) {
            throw new Stop("kata: the workbook has no lessons", 2);
        }
        Optional<Lesson> named = Workbook.find(lessons, progress().current()).filter(l -> !progress().current().isBlank());
        return named.orElseGet(() -> lessons.stream()
                .filter(l -> progress().status(l.id()) != Progress.Status.GREEN)
                .findFirst().orElse(lessons.get(0)));
    }

    /** The lesson after {@code lesson} that is not green yet, or empty when all are. */
    Optional<Lesson> next(Lesson lesson) {
        List<Lesson> lessons = lessons();
        int at = lessons.indexOf(lesson);
        for (int i = 1; i <= lessons.size(); i++) {
            Lesson candidate = lessons.get((at + i) % lessons.size());
            if (progress().status(candidate.id()) != Progress.Status.GREEN && !candidate.equals(lesson)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs a lesson, records the run in the progress file, and returns its verdict. */
    Verdict runAndRecord(LessonRunner runner, Lesson lesson, LiveProgress live) {
        List<Path> classPath = classPath(lesson); // may say that Maven resolves it: before the live line
        live.compiling();
        Verdict verdict = runner.run(lesson, classPath, live);
        if (Thread.currentThread().isInterrupted()) {
            // stopped (watch mode: a newer save came): what it found says nothing of the code now
            throw new java.util.concurrent.CancellationException("the run was stopped");
        }
        progress().recordRun(lesson.id(), verdict.green());
        return verdict;
    }

    /** The progress line: {@code [###.....] 1/3 lessons green}. */
    String progressLine() {
        List<Lesson> lessons = lessons();
        long green = lessons.stream().filter(l -> progress().status(l.id()) == Progress.Status.GREEN).count();
        return "Progress " + style.bar((int) green, lessons.size(), 24) + " lessons green";
    }

    String relative(Path path) {
        return root().relativize(path.toAbsolutePath().normalize()).toString();
    }
}
