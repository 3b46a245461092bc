package dev.leakproof.kata;

import dev.leakproof.check.Lesson;
import dev.leakproof.check.LessonCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kata shell}: the JDK's {@code jshell} with the lesson's classes (as the learner has them now)
 * and the toolkit on the class path, the lesson's {@code explore.jsh} loaded, and helpers to watch
 * the leak live. JShell runs its snippets in a JVM of its own, with the test JVM's options.
 */
@Command(name = "shell", description = "JShell with the lesson's classes and the toolkit, its explore.jsh loaded, and helpers: gc(), heap(), count(Class), explain(Object), explainInstances(Class).")
final class ShellCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "LESSON", arity = "0..1", description = "The lesson (default: the current one).")
    String lesson;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Kata kata = main.kata();
        Lesson chosen = lesson == null ? kata.current() : kata.lesson(lesson);
        List<String> command = command(kata, chosen);
        kata.out().println("JShell for " + chosen.id() + ": helpers gc(), heap(), count(Type.class), explain(object), "
                + "explainInstances(Type.class); /exit to leave.");
        kata.out().flush();
        Process jshell = new ProcessBuilder(command).directory(chosen.dir().toFile()).inheritIO().start();
        return jshell.waitFor();
    }

    /** The {@code jshell} command line: class path, the test JVM's options, the helpers, the lesson's script. */
    static List<String> command(Kata kata, Lesson lesson) {
        Path jshell = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "jshell.exe" : "jshell");
        if (!Files.isExecutable(jshell)) {
            throw new Kata.Stop("kata: this Java runtime has no jshell (" + jshell + "): run the kata with a JDK", 1);
        }
        List<Path> dependencies = kata.classPath(lesson);
        Path out = LessonRunner.buildDir(lesson).resolve("shell");
        LessonCompiler.Result compiled;
        try {
            compiled = new LessonCompiler().compile(lesson, LessonCompiler.Variant.LESSON, dependencies, out);
        } catch (IllegalStateException e) {
            throw new Kata.Stop("kata: " + e.getMessage(), 1);
        }
        if (!compiled.compiled()) {
            throw new Kata.Stop("kata: the lesson does not compile, so the shell cannot load it:\n  "
                    + String.join("\n  ", compiled.errors()), 1);
        }
        List<Path> classPath = new ArrayList<>(compiled.classPath());
        classPath.addAll(dependencies);
        Path scripts = kata.kataDir().resolve("shell");
        try {
            Files.createDirectories(scripts);
            Path helpers = scripts.resolve("helpers.jsh");
            Files.writeString(helpers, helpers(lesson.property("package")), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(jshell.toString(), "--class-path",
                    classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                    "--startup", "DEFAULT", "--startup", helpers.toString()));
            for (String option : kata.testJvmOptions("")) {
                command.add("-R" + option);
            }
            Path explore = lesson.dir().resolve("explore.jsh");
            if (Files.isRegularFile(explore)) {
                // The script ends with /exit so that `jshell explore.jsh` returns: here the learner stays.
                String script = Files.readAllLines(explore, StandardCharsets.UTF_8).stream()
                        .filter(line -> !line.strip().equals("/exit"))
                        .collect(Collectors.joining("\n", "", "\n"));
                Path copy = scripts.resolve(lesson.id() + "-explore.jsh");
                Files.writeString(copy, script, StandardCharsets.UTF_8);
                command.add(copy.toString());
            }
            return command;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String helpers(String lessonPackage) {
        return "// Helpers of `kata shell`, to watch a leak live.\n"
                + "dev.leakproof.internal.LeakTracer.setYourPackage(\"" + lessonPackage + "\");\n"
                + "/** Forces full garbage collections, as the leak tests do. */\n"
                + "void gc() { dev.leakproof.internal.Gc.collect(); }\n"
                + "/** Heap in use after a full collection, in KiB. */\n"
                + "long heap() { return dev.leakproof.internal.Gc.usedHeapAfterCollection() / 1024; }\n"
                + "/** Live instances of exactly this class, after a full collection. */\n"
                + "long count(Class<?> type) { return dev.leakproof.internal.Histogram.liveInstances(type); }\n"
                // The explain helpers print and return nothing, or JShell would echo the text a second time.
                + "/** Prints what holds this object, from a GC root (▶ marks the lesson's code). */\n"
                + "void explain(Object object) {\n"
                + "    var watched = new dev.leakproof.internal.WatchedReference(object);\n"
                + "    object = null; // else this very call would hold it, and be the path shown\n"
                + "    System.out.println(dev.leakproof.internal.Shell.explain(watched));\n"
                + "}\n"
                + "/** Prints what holds most instances of this class: where they accumulate. */\n"
                + "void explainInstances(Class<?> type) {\n"
                + "    System.out.println(dev.leakproof.internal.Shell.explainInstances(type));\n"
                + "}\n";
    }
}
