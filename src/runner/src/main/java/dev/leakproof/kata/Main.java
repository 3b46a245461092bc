package dev.leakproof.kata;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.leakproof.check.Lesson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./kata}: the learner's runner. Without a command, the current lesson in watch mode. */
@Command(name = "kata", mixinStandardHelpOptions = true, version = "kata 1.0", scope = CommandLine.ScopeType.INHERIT,
        description = "Leakproof's kata runner. Without a command: the current lesson in watch mode.",
        subcommands = {Main.ListCommand.class, Main.RunCommand.class, Main.HintCommand.class, Main.ResetCommand.class,
                Main.SolutionCommand.class, VerifyCommand.class, ShellCommand.class, WatchCommand.class})
public final class Main implements Callable<Integer> {

    private final PrintWriter out;
    private final PrintWriter err;
    private final Style style;
    private Kata kata;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Stop a test that runs longer than this (default: ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    Main(PrintWriter out, PrintWriter err, Style style) {
        this.out = out;
        this.err = err;
        this.style = style;
    }

    public static void main(String[] args) {
        Style style = Style.detect();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err, style);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Style style) {
        Main main = new Main(out, err, style);
        CommandLine line = new CommandLine(main);
        line.setOut(out);
        line.setErr(err);
        line.setColorScheme(CommandLine.Help.defaultColorScheme(style.ansi() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        line.setExecutionExceptionHandler((exception, commandLine, parsed) -> {
            Throwable problem = exception;
            if (problem instanceof Kata.Stop) {
                err.println(problem.getMessage());
                return ((Kata.Stop) problem).exitCode();
            }
            err.println("kata: " + problem);
            for (Throwable cause = problem.getCause(); cause != null; cause = cause.getCause()) {
                err.println("  caused by: " + cause);
            }
            return 3;
        });
        try {
            return line.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    Kata kata() {
        if (kata == null) {
            kata = Kata.fromEnvironment(out, err, style);
            kata.perTestTimeout(Duration.ofSeconds(timeoutSeconds));
        }
        return kata;
    }

    @Override
    public Integer call() {
        return new WatchCommand().watch(this, null);
    }

    @Command(name = "list", description = "The lessons by chapter, with their status, and your progress.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Override
        public Integer call() {
            Kata kata = main.kata();
            PrintWriter out = kata.out();
            Style style = kata.style();
            Map<String, List<Lesson>> chapters = new LinkedHashMap<>();
            for (Lesson lesson : kata.lessons()) {
                chapters.computeIfAbsent(lesson.chapter().isEmpty() ? "(no chapter)" : lesson.chapter(), c -> new ArrayList<>())
                        .add(lesson);
            }
            Lesson current = kata.current();
            int width = kata.lessons().stream().mapToInt(l -> l.id().length()).max().orElse(10);
            for (Map.Entry<String, List<Lesson>> chapter : chapters.entrySet()) {
                out.println(style.bold(chapter.getKey()));
                for (Lesson lesson : chapter.getValue()) {
                    Progress.Status status = kata.progress().status(lesson.id());
                    String mark = status == Progress.Status.GREEN ? style.green("green  ")
                            : status == Progress.Status.RED ? style.red("red    ") : style.dim("untried");
                    out.printf("  %s %s  %-" + width + "s  %s%n", lesson.equals(current) ? "▶" : " ", mark, lesson.id(),
                            lesson.title());
                }
            }
            out.println(kata.progressLine());
            return 0;
        }
    }

    @Command(name = "run", description = "Compile and test one lesson once; exit code 0 only when it is green.")
    static final class RunCommand implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Parameters(paramLabel = "LESSON", description = "The lesson: its folder name, its name without the number, or its number.")
        String lesson;

        @Override
        public Integer call() {
            Kata kata = main.kata();
            Lesson chosen = kata.lesson(lesson);
            kata.progress().setCurrent(chosen.id());
            kata.out().println(kata.style().bold(chosen.id()) + ": " + chosen.title());
            kata.out().flush();
            Verdict verdict;
            LiveProgress live = LiveProgress.on(kata.out(), kata.style(), false);
            try (LessonRunner runner = new LessonRunner(kata.testRunner(), false)) {
                verdict = kata.runAndRecord(runner, chosen, live);
            } finally {
                live.end();
            }
            kata.out().print(kata.style().wrap(Report.verdict(chosen, verdict, kata.style(), kata.testJvmOptions(""))));
            if (verdict.green()) {
                kata.out().println(kata.solutionsHidden().isEmpty() ? "Compare with the reference: kata solution " + chosen.id()
                        : "Well done. (The reference solutions are hidden in this workshop.)");
            } else if (verdict.kind() == Verdict.Kind.RED) {
                kata.out().println("Stuck? kata hint " + chosen.id());
            }
            return verdict.green() ? 0 : 1;
        }
    }

    @Command(name = "hint", description = "The next hint of a lesson, one more each time.")
    static final class HintCommand implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Parameters(paramLabel = "LESSON", arity = "0..1", description = "The lesson (default: the current one).")
        String lesson;

        @Override
        public Integer call() {
            Kata kata = main.kata();
            Lesson chosen = lesson == null ? kata.current() : kata.lesson(lesson);
            kata.out().print(nextHint(kata, chosen, "kata hint " + chosen.id()));
            return 0;
        }
    }

    /** Shows the next hint and counts it; after the last one, says so. {@code again}: how to ask for the next. */
    static String nextHint(Kata kata, Lesson lesson, String again) {
        List<String> hints = Texts.hints(lesson);
        if (hints.isEmpty()) {
            return "The lesson has no hints.\n";
        }
        int shown = kata.progress().hints(lesson.id());
        if (shown >= hints.size()) {
            return hints.get(hints.size() - 1) + "\n\n" + kata.style().dim("That was the last hint (" + hints.size() + " of "
                    + hints.size() + "). " + kata.solutionAdvice(lesson)) + "\n";
        }
        kata.progress().recordHint(lesson.id(), shown + 1);
        return hints.get(shown) + "\n\n" + kata.style().dim("Hint " + (shown + 1) + " of " + hints.size()
                + (shown + 1 < hints.size() ? "; the next one: " + again : "; that was the last") + ".") + "\n";
    }

    @Command(name = "reset", description = "Back to the lesson's original code; yours is kept as a backup (--undo restores it).")
    static final class ResetCommand implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Parameters(paramLabel = "LESSON", description = "The lesson.")
        String lesson;

        @Option(names = "--undo", description = "Restore your code from the latest backup (and back up what it replaces).")
        boolean undo;

        @Option(names = "--tests", description = "Restore only the tests and the lesson's files; keep your main code.")
        boolean testsOnly;

        @Override
        public Integer call() {
            Kata kata = main.kata();
            Lesson chosen = kata.lesson(lesson);
            if (undo && testsOnly) {
                throw new Kata.Stop("kata: --undo restores the latest backup whole; it takes no --tests", 2);
            }
            kata.out().println(undo ? undo(kata, chosen) : reset(kata, chosen, testsOnly));
            return 0;
        }
    }

    static String reset(Kata kata, Lesson lesson, boolean testsOnly) {
        Backups backups = new Backups(kata.root(), kata.kataDir());
        Path backup = backups.reset(lesson, kata.progress().status(lesson.id()), testsOnly);
        kata.progress().markUntried(lesson.id());
        return (testsOnly ? "Restored the tests and files of " + lesson.id() + "; your main code is as it was. A copy"
                : "Reset " + lesson.id() + " to its original code. Your version")
                + " is in " + kata.relative(backup) + "; `kata reset --undo " + lesson.id() + "` brings it back.";
    }

    static String undo(Kata kata, Lesson lesson) {
        Backups backups = new Backups(kata.root(), kata.kataDir());
        Backups.Restored restored = backups.undo(lesson, kata.progress().status(lesson.id()));
        kata.progress().setStatus(lesson.id(), restored.status());
        return "Restored your code of " + lesson.id() + " from " + kata.relative(restored.folder())
                + " (what it replaced is backed up beside it).";
    }

    @Command(name = "solution", description = "After a try: the diff between your code and the reference solution, and why.")
    static final class SolutionCommand implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Parameters(paramLabel = "LESSON", arity = "0..1", description = "The lesson (default: the current one).")
        String lesson;

        @Option(names = {"-f", "--force"}, description = "Show it even if you have not run the lesson yet.")
        boolean force;

        @Override
        public Integer call() {
            Kata kata = main.kata();
            Lesson chosen = lesson == null ? kata.current() : kata.lesson(lesson);
            String hidden = kata.solutionsHidden();
            if (!hidden.isEmpty()) {
                throw new Kata.Stop("The reference solutions are hidden in this workshop (" + hidden
                        + "): ask your instructor.", 1);
            }
            if (!force && kata.progress().runs(chosen.id()) == 0) {
                throw new Kata.Stop("Try first: run the lesson at least once (`kata run " + chosen.id()
                        + "`), then ask for the solution. (--force shows it now.)", 1);
            }
            kata.out().print(solution(kata, chosen));
            return 0;
        }
    }

    static String solution(Kata kata, Lesson lesson) {
        StringBuilder text = new StringBuilder();
        Style style = kata.style();
        Path solutionSources = lesson.solutionSources();
        List<Path> files;
        try (Stream<Path> walk = Files.isDirectory(solutionSources) ? Files.walk(solutionSources) : Stream.empty()) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path reference : files) {
            Path relative = solutionSources.relativize(reference);
            Path yours = lesson.mainSources().resolve(relative.toString());
            List<String> mine = lines(yours);
            List<String> theirs = lines(reference);
            List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("yours/" + relative, "reference/" + relative, mine,
                    DiffUtils.diff(mine, theirs), 3);
            if (diff.isEmpty()) {
                text.append(style.green("Your " + relative + " is the reference's, line for line.")).append('\n');
                continue;
            }
            for (String line : diff) {
                text.append(line.startsWith("+") && !line.startsWith("+++") ? style.green(line)
                        : line.startsWith("-") && !line.startsWith("---") ? style.red(line)
                        : line.startsWith("@@") ? style.dim(line) : line).append('\n');
            }
        }
        text.append('\n').append(Texts.read(lesson.solutionDir().resolve("SOLUTION.md")).strip()).append('\n');
        return text.toString();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
