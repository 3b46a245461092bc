package dev.leakproof.kata;

import dev.leakproof.check.Lesson;
import dev.leakproof.check.LessonCompiler;
import dev.leakproof.check.TestProgress;
import dev.leakproof.check.TestRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a learner's lesson: compiles it in this JVM with the check's {@link LessonCompiler} and runs
 * its tests with the check's {@link TestRunner}, in a JVM of their own, with the JVM options of
 * {@code mvn test}. Learner code never runs in this JVM: an exit, an endless loop or an
 * {@code OutOfMemoryError} ends only the test JVM.
 *
 * <p>Warm (watch mode), it keeps a {@link TestRunner.Worker}: one test JVM that keeps JUnit, AssertJ
 * and the toolkit loaded and the JIT warm, and runs each verdict in a fresh class loader over the
 * lesson's classes. When a run ends it or leaves something behind, a fresh worker is started at
 * once, while the learner edits. Cold ({@code kata run}), each verdict has a fresh JVM: the authority.
 */
final class LessonRunner implements AutoCloseable {

    private final LessonCompiler compiler;
    private final String noCompiler;
    private final TestRunner tests;
    private final boolean warm;
    private CompletableFuture<TestRunner.Worker> worker;

    LessonRunner(TestRunner tests, boolean warm) {
        LessonCompiler found = null;
        String why = "";
        try {
            found = new LessonCompiler();
        } catch (IllegalStateException | NoClassDefFoundError e) {
            why = e instanceof IllegalStateException ? e.getMessage()
                    : "this Java runtime has no compiler (javax.tools); run the kata with a JDK, not a JRE: "
                            + "JAVA_HOME is " + System.getProperty("java.home");
        }
        this.compiler = found;
        this.noCompiler = why;
        this.tests = tests;
        this.warm = warm;
    }

    /** Where the runner compiles a lesson to: beside Maven's output, never over it. */
    static Path buildDir(Lesson lesson) {
        return lesson.dir().resolve("target").resolve("kata");
    }

    /** Compiles and tests the lesson; {@code progress} follows its tests as they start and end. */
    Verdict run(Lesson lesson, List<Path> dependencies, TestProgress progress) {
        long start = System.nanoTime();
        return runUntimed(lesson, dependencies, progress).withMillis((System.nanoTime() - start) / 1_000_000);
    }

    private Verdict runUntimed(Lesson lesson, List<Path> dependencies, TestProgress progress) {
        if (compiler == null) {
            return new Verdict(Verdict.Kind.COMPILE_ERROR, List.of(), List.of(noCompiler), "", 0);
        }
        if (!hasJava(lesson.testSources())) {
            return new Verdict(Verdict.Kind.NO_TESTS, List.of(), List.of("there is no test under "
                    + lesson.dir().getParent().getParent().relativize(lesson.testSources())
                    + ": was a test file deleted? `kata reset " + lesson.id() + "` brings the tests back "
                    + "(and keeps your code as a backup)"), "", 0);
        }
        Path out = buildDir(lesson).resolve("build");
        long compileStart = System.nanoTime();
        LessonCompiler.Result compiled = compiler.compile(lesson, LessonCompiler.Variant.LESSON, dependencies, out);
        long compileMillis = (System.nanoTime() - compileStart) / 1_000_000;
        if (!compiled.compiled()) {
            return new Verdict(Verdict.Kind.COMPILE_ERROR, List.of(), compiled.errors(), "", 0);
        }
        List<Path> classPath = new ArrayList<>(compiled.classPath());
        classPath.addAll(dependencies);
        TestRunner.Run run;
        if (warm) {
            run = runWarm(out.resolve("test-classes"), classPath, lesson.dir(), buildDir(lesson).resolve("warm"), progress);
        } else {
            run = tests.run(out.resolve("test-classes"), classPath, lesson.dir(), buildDir(lesson).resolve("run"), progress);
        }
        if (run.crashed()) {
            return new Verdict(Verdict.Kind.CRASHED, run.outcomes(), List.of(run.crash()), run.output(), 0)
                    .withCompileMillis(compileMillis);
        }
        return Verdict.of(run.outcomes(), run.output()).withCompileMillis(compileMillis);
    }

    private TestRunner.Run runWarm(Path testClasses, List<Path> classPath, Path workingDir, Path scratch,
            TestProgress progress) {
        List<Path> shared = classPath.stream().filter(TestRunner::sharedLibrary).collect(Collectors.toList());
        TestRunner.Worker current = worker == null ? null : worker.exceptionally(e -> null).join();
        if (current == null || !current.fits(shared, workingDir)) {
            if (current != null) {
                current.close();
            }
            current = tests.startWorker(shared, workingDir, scratch);
        }
        TestRunner.Run run = tests.run(current, testClasses, classPath, progress);
        TestRunner.Worker used = current;
        // Once the worker has checked that nothing of this run is left, it is ready again; or it has
        // ended (replaced, or the run crashed it): then a fresh one starts now, while the learner edits.
        worker = CompletableFuture.supplyAsync(() -> {
            if (used.awaitReady(java.time.Duration.ofMinutes(1))) {
                return used;
            }
            used.close();
            return tests.startWorker(shared, workingDir, scratch);
        });
        return run;
    }

    private static boolean hasJava(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            TestRunner.Worker last = worker.exceptionally(e -> null).join();
            if (last != null) {
                last.close();
            }
            worker = null;
        }
    }
}
