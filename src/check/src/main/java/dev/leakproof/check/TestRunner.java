package dev.leakproof.check;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a compiled lesson's tests in a fresh JVM, so that a leak, an {@code OutOfMemoryError}, an
 * endless loop or a {@code System.exit} in the code under test cannot touch the caller.
 */
public final class TestRunner {

    /** What one run of a lesson's tests produced: the outcomes, or why there are none. */
    public static final class Run {
        private final List<TestOutcome> outcomes;
        private final String crash;
        private final String output;

        Run(List<TestOutcome> outcomes, String crash, String output) {
            this.outcomes = outcomes;
            this.crash = crash;
            this.output = output;
        }

        public List<TestOutcome> outcomes() {
            return outcomes;
        }

        /** Why the JVM ended without reporting, or empty. */
        public String crash() {
            return crash;
        }

        public boolean crashed() {
            return !crash.isEmpty();
        }

        /** What the tests printed. */
        public String output() {
            return output;
        }
    }

    private final List<String> jvmOptions;
    private final Duration timeout;

    /**
     * @param jvmOptions options for the test JVM, e.g. {@code -Xmx256m -XX:+UseZGC}
     * @param timeout    how long all of a lesson's tests may take before the JVM is stopped
     */
    public TestRunner(List<String> jvmOptions, Duration timeout) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.timeout = timeout;
    }

    /** Splits a string of JVM options as Surefire's argLine would be: on white space. */
    public static List<String> splitOptions(String options) {
        if (options == null || options.isBlank()) {
            return List.of();
        }
        return Arrays.stream(options.trim().split("\\s+")).collect(Collectors.toList());
    }

    /** Runs every test under {@code testClasses}, with {@code classPath}, in {@code workingDir}. */
    public Run run(Path testClasses, List<Path> classPath, Path workingDir, Path scratch) {
        try {
            Files.createDirectories(scratch);
            Path results = scratch.resolve("outcomes.bin");
            Path output = scratch.resolve("output.log");
            Files.deleteIfExists(results);
            List<Path> fullPath = new ArrayList<>(classPath);
            fullPath.add(codeLocation(TestRunnerMain.class));
            fullPath.add(codeLocation(LauncherFactory.class));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(fullPath.stream().map(Path::toString).distinct()
                    .collect(Collectors.joining(java.io.File.pathSeparator)));
            command.add(TestRunnerMain.class.getName());
            command.add(testClasses.toString());
            command.add(results.toString());
            Process process = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (!finished) {
                return new Run(List.of(), "the tests ran longer than " + timeout.toSeconds()
                        + " s and were stopped: is there an endless loop?", printed);
            }
            if (!Files.isRegularFile(results)) {
                return new Run(List.of(), crashReason(process.exitValue(), printed), printed);
            }
            return new Run(readOutcomes(results), "", printed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the tests in " + testClasses, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the tests in " + testClasses, e);
        }
    }

    private static String crashReason(int exitCode, String printed) {
        if (printed.contains("java.lang.OutOfMemoryError")) {
            return "the test JVM ran out of memory (exit code " + exitCode + ")";
        }
        return "the test JVM ended with exit code " + exitCode + " before reporting: did the code call "
                + "System.exit, or crash the JVM?";
    }

    @SuppressWarnings("unchecked")
    private static List<TestOutcome> readOutcomes(Path results) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(results))) {
            return (List<TestOutcome>) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("unreadable test outcomes in " + results, e);
        }
    }

    static Path codeLocation(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }
}
