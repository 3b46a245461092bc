package dev.leakproof.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a lesson with {@code javax.tools}, in this JVM: its main code (the wrong code, or the
 * solution laid over it) and its tests, for {@code --release 17} as Maven does.
 */
public final class LessonCompiler {

    /** Which main code to compile against the lesson's tests. */
    public enum Variant {
        LESSON("wrong code"), SOLUTION("solution");

        private final String label;

        Variant(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The compiled class folders, or the compiler's errors. */
    public static final class Result {
        private final List<Path> classPath;
        private final List<String> errors;

        Result(List<Path> classPath, List<String> errors) {
            this.classPath = classPath;
            this.errors = errors;
        }

        /** Output and resource folders to put before the dependencies. */
        public List<Path> classPath() {
            return classPath;
        }

        /** {@code File.java:12: message}, one per error; empty when the code compiled. */
        public List<String> errors() {
            return errors;
        }

        public boolean compiled() {
            return errors.isEmpty();
        }
    }

    private final JavaCompiler compiler;

    public LessonCompiler() {
        this.compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("this Java runtime has no compiler (javax.tools); run Leakproof with a "
                    + "JDK, not a JRE: JAVA_HOME is " + System.getProperty("java.home"));
        }
    }

    /**
     * Compiles {@code variant} of {@code lesson} into {@code outputDir}.
     *
     * @param dependencies the lesson's test class path (toolkit, JUnit, AssertJ, its libraries)
     */
    public Result compile(Lesson lesson, Variant variant, List<Path> dependencies, Path outputDir) {
        return compile(lesson, variant == Variant.SOLUTION ? lesson.solutionDir() : null, dependencies, outputDir);
    }

    /** Compiles {@code fix} of {@code lesson}, laid over the wrong code, into {@code outputDir}. */
    public Result compile(Lesson lesson, Fix fix, List<Path> dependencies, Path outputDir) {
        return compile(lesson, fix.dir(), dependencies, outputDir);
    }

    /** {@code overlay}: the folder whose {@code src/main} is laid over the wrong code's, or null for the wrong code. */
    private Result compile(Lesson lesson, Path overlay, List<Path> dependencies, Path outputDir) {
        try {
            Folders.delete(outputDir);
            Path mainOut = outputDir.resolve("classes");
            Path testOut = outputDir.resolve("test-classes");
            Files.createDirectories(mainOut);
            Files.createDirectories(testOut);

            List<Path> mainSources = new ArrayList<>(mainSources(lesson, overlay).values());
            List<String> errors = new ArrayList<>(javac(mainSources, dependencies, mainOut, lesson));
            if (errors.isEmpty()) {
                List<Path> testClassPath = new ArrayList<>(dependencies);
                testClassPath.add(0, mainOut);
                errors.addAll(javac(javaFiles(lesson.testSources()), testClassPath, testOut, lesson));
            }
            List<Path> classPath = new ArrayList<>(List.of(testOut, mainOut));
            addIfPresent(classPath, lesson.dir().resolve("src/test/resources"));
            if (overlay != null) {
                addIfPresent(classPath, overlay.resolve("src/main/resources"));
            }
            addIfPresent(classPath, lesson.dir().resolve("src/main/resources"));
            return new Result(classPath, errors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile " + lesson, e);
        }
    }

    /** Main sources by relative path: the lesson's, with the solution's files laid over them. */
    static Map<Path, Path> mainSources(Lesson lesson, Variant variant) throws IOException {
        return mainSources(lesson, variant == Variant.SOLUTION ? lesson.solutionDir() : null);
    }

    private static Map<Path, Path> mainSources(Lesson lesson, Path overlay) throws IOException {
        Map<Path, Path> sources = new TreeMap<>();
        for (Path file : javaFiles(lesson.mainSources())) {
            sources.put(lesson.mainSources().relativize(file), file);
        }
        if (overlay != null) {
            Path overlaySources = overlay.resolve("src/main/java");
            for (Path file : javaFiles(overlaySources)) {
                sources.put(overlaySources.relativize(file), file);
            }
        }
        return sources;
    }

    private List<String> javac(List<Path> sources, List<Path> classPath, Path output, Lesson lesson)
            throws IOException {
        if (sources.isEmpty()) {
            return List.of();
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-g", "-encoding", "UTF-8", "-proc:none",
                    "-implicit:none", "-d", output.toString(),
                    "-cp", classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            boolean ok = compiler.getTask(null, files, diagnostics, options, null, units).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> describe(d, lesson))
                    .collect(Collectors.toList());
            if (!ok && errors.isEmpty()) {
                errors.add("the compiler failed without a message");
            }
            return errors;
        }
    }

    private static String describe(Diagnostic<? extends JavaFileObject> diagnostic, Lesson lesson) {
        String where = "";
        if (diagnostic.getSource() != null) {
            Path file = Path.of(diagnostic.getSource().toUri());
            Path shown = file.startsWith(lesson.dir().getParent().getParent())
                    ? lesson.dir().getParent().getParent().relativize(file) : file;
            where = shown + ":" + diagnostic.getLineNumber() + ": ";
        }
        return where + diagnostic.getMessage(Locale.ROOT);
    }

    static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    private static void addIfPresent(List<Path> classPath, Path dir) {
        if (Files.isDirectory(dir)) {
            classPath.add(dir);
        }
    }

}
