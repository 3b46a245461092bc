package dev.leakproof.kata;

import dev.leakproof.check.Cell;
import dev.leakproof.check.CheckReport;
import dev.leakproof.check.Fix;
import dev.leakproof.check.FixVerdict;
import dev.leakproof.check.FourWayCheck;
import dev.leakproof.check.Lesson;
import dev.leakproof.check.LessonCompiler;
import dev.leakproof.check.LessonVerdict;
import dev.leakproof.check.Miss;
import dev.leakproof.check.TestOutcome;
import dev.leakproof.check.TestRunner;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kata verify}: the four-way check of every lesson, for maintainers and instructors. It is
 * the check {@code mvn verify} runs ({@link FourWayCheck}), with the same test JVM options, so the two
 * agree; this adds a progress bar, a JSON report and a choice of collector.
 */
@Command(name = "verify", description = "The four-way check of every lesson (the one `mvn verify` runs), with a report.")
final class VerifyCommand implements Callable<Integer> {

    private static final Map<String, String> COLLECTORS = Map.of(
            "serial", "-XX:+UseSerialGC", "parallel", "-XX:+UseParallelGC", "g1", "-XX:+UseG1GC",
            "z", "-XX:+UseZGC", "zgc", "-XX:+UseZGC", "shenandoah", "-XX:+UseShenandoahGC");

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "LESSON", arity = "0..*", description = "Only these lessons (default: all).")
    List<String> lessons = new ArrayList<>();

    @Option(names = "--json", description = "Write a JSON report per lesson and test to standard output (the table then goes to standard error).")
    boolean jsonToStdout;

    @Option(names = "--json-file", paramLabel = "FILE", description = "Write the JSON report to FILE.")
    Path jsonFile;

    @Option(names = "--working-copy", description = "Check the lessons and solutions as they are in this folder now, "
            + "not as the workbook shipped them (for a maintainer changing a lesson).")
    boolean workingCopy;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
            description = "Run each lesson N times; every run must give the same verdict per test (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--gc", paramLabel = "COLLECTOR",
            description = "The collector of every test JVM: serial, parallel, g1, z, shenandoah, or JVM options such as \"-XX:+UseG1GC -XX:+DisableExplicitGC\".")
    String gc = "";

    @Option(names = "--parallel", defaultValue = "2", paramLabel = "N",
            description = "Run N test JVMs side by side; no two runs share a JVM at the same time (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--minutes", defaultValue = "5", paramLabel = "M",
            description = "Stop a lesson's tests after M minutes, as mvn verify does (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Override
    public Integer call() {
        Kata kata = main.kata();
        Style style = kata.style();
        List<String> options = withCollector(kata.testJvmOptions(""), COLLECTORS.getOrDefault(
                gc.strip().toLowerCase(Locale.ROOT), gc.strip()));
        Shipped.Copy checked = workingCopy ? Shipped.workingCopy(kata.workbook())
                : Shipped.of(kata.root(), kata.kataDir().resolve("shipped"));
        List<Lesson> inWorkbook = lessons.isEmpty() ? checked.workbook().lessons()
                : lessons.stream().map(kata::lesson).distinct().collect(Collectors.toList());
        List<Lesson> chosen = new ArrayList<>();
        for (Lesson lesson : inWorkbook) {
            chosen.add(checked.workbook().lessons().stream().filter(l -> l.id().equals(lesson.id())).findFirst()
                    .orElseThrow(() -> new Kata.Stop("kata: " + lesson.id() + " is not in " + checked.what(), 2)));
        }
        TestRunner runner = new TestRunner(options, Duration.ofMinutes(minutes));
        PrintWriter table = jsonToStdout ? kata.err() : kata.out();
        PrintWriter progress = kata.err();
        List<LessonVerdict> verdicts = new ArrayList<>();
        int steps = chosen.stream().mapToInt(l -> 2 + l.fixes().size()).sum();
        AtomicInteger done = new AtomicInteger();
        try (FourWayCheck check = new FourWayCheck(runner, kata.kataDir().resolve("verify"), repeat, parallel)) {
            // Every lesson's runs are queued at once: the test JVMs side by side never wait for a lesson's last run.
            List<CompletableFuture<LessonVerdict>> started = new ArrayList<>();
            for (Lesson lesson : chosen) {
                // The dependencies are the learner's copy's (resolved once, kept beside it): a lesson's pom is not theirs to change.
                List<Path> classPath = kata.classPath(kata.workbook().lessons().stream().filter(l -> l.id().equals(lesson.id()))
                        .findFirst().orElse(lesson));
                started.add(check.start(lesson, classPath,
                        what -> showProgress(progress, style, done.getAndIncrement(), steps, what)));
            }
            for (int i = 0; i < chosen.size(); i++) {
                LessonVerdict verdict = started.get(i).join();
                verdicts.add(verdict);
                Lesson lesson = chosen.get(i);
                showProgress(progress, style, done.get(), steps,
                        lesson.id() + (verdict.sound() ? ": sound" : ": " + verdict.misses().size() + " misses"));
            }
        }
        if (style.ansi()) {
            progress.print("\r\u001b[2K");
        }
        progress.flush();
        String setting = "JDK " + System.getProperty("java.version") + ", test JVM: " + String.join(" ", options)
                + ", runs per lesson: " + repeat + "; checked: " + checked.what();
        table.print(CheckReport.table(verdicts, setting));
        List<Path> orphans = lessons.isEmpty() ? checked.workbook().orphanSolutions() : List.of();
        for (Path orphan : orphans) {
            table.println("solutions/" + orphan.getFileName() + " has no lesson beside it");
        }
        table.flush();
        boolean sound = orphans.isEmpty() && verdicts.stream().allMatch(LessonVerdict::sound);
        if (jsonToStdout || jsonFile != null) {
            String report = Json.write(report(verdicts, setting, options, sound, orphans));
            if (jsonToStdout) {
                kata.out().print(report);
                kata.out().flush();
            }
            if (jsonFile != null) {
                try {
                    Files.writeString(jsonFile, report, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + jsonFile, e);
                }
                table.println("JSON report: " + jsonFile);
            }
        }
        return sound ? 0 : 1;
    }

    /**
     * The test JVM options with {@code chosen} (a collector, or any options) added; when {@code chosen}
     * names a collector, it replaces the one already there, as a JVM accepts only one.
     */
    static List<String> withCollector(List<String> options, String chosen) {
        List<String> extra = TestRunner.splitOptions(chosen);
        boolean picksCollector = extra.stream().anyMatch(VerifyCommand::selectsCollector);
        List<String> result = new ArrayList<>();
        for (String option : options) {
            if (!(picksCollector && selectsCollector(option))) {
                result.add(option);
            }
        }
        result.addAll(extra);
        return result;
    }

    private static boolean selectsCollector(String option) {
        return option.matches("-XX:\\+Use\\w+GC");
    }

    private static void showProgress(PrintWriter progress, Style style, int done, int total, String what) {
        String line = "verify " + style.bar(done, total, 20) + " " + what;
        synchronized (progress) { // lessons are checked side by side
            if (style.ansi()) {
                progress.print("\r\u001b[2K" + line);
            } else {
                progress.println(line);
            }
            progress.flush();
        }
    }

    static Map<String, Object> report(List<LessonVerdict> verdicts, String setting, List<String> options, boolean sound,
            List<Path> orphans) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("setting", setting);
        report.put("jdk", System.getProperty("java.version"));
        report.put("testJvmOptions", options);
        report.put("sound", sound);
        report.put("orphanSolutions", orphans.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        List<Object> lessons = new ArrayList<>();
        for (LessonVerdict verdict : verdicts) {
            Map<String, Object> lesson = new LinkedHashMap<>();
            lesson.put("id", verdict.lesson().id());
            lesson.put("sound", verdict.sound());
            lesson.put("complete", verdict.complete());
            Map<String, Object> cells = new LinkedHashMap<>();
            for (Cell cell : Cell.values()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("holds", verdict.holds(cell));
                one.put("summary", verdict.cells().getOrDefault(cell, "did not run"));
                one.put("rule", cell.rule());
                cells.put(cell.heading(), one);
            }
            lesson.put("cells", cells);
            List<Object> misses = new ArrayList<>();
            for (Miss miss : verdict.misses()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("where", miss.where());
                one.put("test", miss.test());
                one.put("reason", miss.reason());
                misses.add(one);
            }
            lesson.put("misses", misses);
            for (Fix.Kind kind : Fix.Kind.values()) {
                List<Object> fixes = new ArrayList<>();
                for (FixVerdict fix : verdict.fixes()) {
                    if (fix.fix().kind() != kind) {
                        continue;
                    }
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("name", fix.fix().name());
                    one.put("holds", fix.holds());
                    if (kind == Fix.Kind.NEAR_MISS) {
                        one.put("rejectedBy", fix.rejectedBy());
                    }
                    fixes.add(one);
                }
                lesson.put(kind == Fix.Kind.NEAR_MISS ? "nearMisses" : "alternatives", fixes);
            }
            Map<String, Object> tests = new LinkedHashMap<>();
            for (LessonCompiler.Variant variant : LessonCompiler.Variant.values()) {
                List<TestOutcome> outcomes = verdict.outcomes().get(variant);
                if (outcomes == null) {
                    continue;
                }
                List<Object> list = new ArrayList<>();
                for (TestOutcome outcome : outcomes) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("class", outcome.className());
                    one.put("method", outcome.methodName());
                    one.put("displayName", outcome.displayName());
                    one.put("tags", outcome.tags());
                    one.put("status", outcome.status().name());
                    one.put("failureType", outcome.failureType());
                    one.put("message", outcome.message());
                    list.add(one);
                }
                tests.put(variant == LessonCompiler.Variant.LESSON ? "wrong" : "solution", list);
            }
            lesson.put("tests", tests);
            lessons.add(lesson);
        }
        report.put("lessons", lessons);
        return report;
    }
}
