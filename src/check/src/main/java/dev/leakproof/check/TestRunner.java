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

    /**
     * A warm test JVM for watch mode: it keeps JUnit, AssertJ and the toolkit loaded, and the JIT
     * warm, and runs each request in a fresh class loader over the lesson's classes (see
     * {@link WarmWorkerMain}). It ends itself when a run left something behind or after
     * {@link WarmWorkerMain#MAX_RUNS} runs; a run that ends it (an exit, a time-out, a crash) is
     * reported as a fresh JVM's would be. The authority stays {@link #run(Path, List, Path, Path)}.
     */
    public static final class Worker implements AutoCloseable {
        private final List<Path> shared;
        private final List<String> sharedVersions;
        private final Path workingDir;
        private final Path scratch;
        private final Process process;
        private int runs;

        Worker(List<Path> shared, Path workingDir, Path scratch, Process process) {
            this.shared = List.copyOf(shared);
            this.sharedVersions = versions(shared);
            this.workingDir = workingDir;
            this.scratch = scratch;
            this.process = process;
        }

        /**
         * Whether this worker holds these shared libraries, as they are now, and runs in this folder, and
         * is still alive. A library rebuilt since (an {@code mvn install} of the toolkit) does not fit: the
         * worker would load the rest of its classes from the new jar.
         */
        public boolean fits(List<Path> wantedShared, Path wantedWorkingDir) {
            return process.isAlive() && shared.equals(wantedShared) && workingDir.equals(wantedWorkingDir)
                    && sharedVersions.equals(versions(wantedShared));
        }

        private static List<String> versions(List<Path> entries) {
            List<String> versions = new ArrayList<>();
            for (Path entry : entries) {
                try {
                    versions.add(Files.getLastModifiedTime(entry).toMillis() + ":" + Files.size(entry));
                } catch (IOException e) {
                    versions.add("missing");
                }
            }
            return versions;
        }

        /** How many requests it has run. */
        public int runs() {
            return runs;
        }

        /**
         * Waits until the worker is ready for its next request: true, or false when it ended instead
         * (replaced after its run, or crashed) or is not ready within {@code max}.
         */
        public boolean awaitReady(Duration max) {
            Path ready = WarmWorkerMain.readyFile(scratch.resolve("outcomes.bin"));
            long deadline = System.nanoTime() + max.toNanos();
            String expected = "ready " + runs;
            try {
                while (System.nanoTime() - deadline < 0) {
                    try {
                        if (Files.isRegularFile(ready) && Files.readString(ready, StandardCharsets.UTF_8).equals(expected)) {
                            return true;
                        }
                    } catch (IOException e) {
                        // being written: look again
                    }
                    if (process.waitFor(5, TimeUnit.MILLISECONDS)) {
                        return false;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * Whether a class path entry is one of the libraries every lesson's tests share (the toolkit and
     * what it brings: JUnit, AssertJ, Shark, Kotlin), which a {@link Worker} keeps loaded; the rest
     * (the lesson's classes and its own jars) is loaded afresh for each run.
     */
    public static boolean sharedLibrary(Path entry) {
        String name = entry.getFileName() == null ? "" : entry.getFileName().toString();
        if (!name.endsWith(".jar")) {
            return entry.endsWith(Path.of("toolkit", "target", "classes"));
        }
        for (String prefix : List.of("leakproof-toolkit-", "junit-", "opentest4j-", "apiguardian-api-", "assertj-core-",
                "byte-buddy-", "shark-", "kotlin-stdlib-", "annotations-", "okio-jvm-")) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private final List<String> jvmOptions;
    private final Duration timeout;
    private final Duration perTestTimeout;
    private final boolean untilFirstLeak;

    /**
     * @param jvmOptions options for the test JVM, e.g. {@code -Xmx256m -XX:+UseZGC}
     * @param timeout    how long all of a lesson's tests may take before the JVM is stopped
     */
    public TestRunner(List<String> jvmOptions, Duration timeout) {
        this(jvmOptions, timeout, null, false);
    }

    private TestRunner(List<String> jvmOptions, Duration timeout, Duration perTestTimeout, boolean untilFirstLeak) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.timeout = timeout;
        this.perTestTimeout = perTestTimeout;
        this.untilFirstLeak = untilFirstLeak;
    }

    /** This runner, also stopping the JVM when a single test runs longer than {@code perTest}. */
    public TestRunner withPerTestTimeout(Duration perTest) {
        return new TestRunner(jvmOptions, timeout, perTest, untilFirstLeak);
    }

    /**
     * This runner, skipping the leak tests that would run after the first one failed by a leak
     * assertion (every contract test still runs), with explanations turned off: what proves a
     * near-miss wrong, at the cost of one leak failure instead of all of them, and without the heap
     * dumps and path searches that explain it. Skipped tests are reported as skipped.
     */
    public TestRunner untilFirstLeak() {
        return new TestRunner(jvmOptions, timeout, perTestTimeout, true);
    }

    public List<String> jvmOptions() {
        return jvmOptions;
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
        return run(testClasses, classPath, workingDir, scratch, TestProgress.NONE);
    }

    /** {@link #run(Path, List, Path, Path)}, telling {@code progress} of each test as it starts and ends. */
    public Run run(Path testClasses, List<Path> classPath, Path workingDir, Path scratch, TestProgress progress) {
        try {
            List<String> arguments = new ArrayList<>(List.of(testClasses.toString(),
                    scratch.resolve("outcomes.bin").toString()));
            if (untilFirstLeak) {
                arguments.add(TestRunnerMain.UNTIL_FIRST_LEAK);
            }
            Process process = start(classPath, workingDir, scratch, arguments, false);
            return await(process, scratch, testClasses, false, 0, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the tests in " + testClasses, e);
        }
    }

    /**
     * Starts a {@link Worker} with {@code shared} (see {@link #sharedLibrary}) on its class path, in
     * {@code workingDir}, writing to {@code scratch}. It warms up while the learner edits.
     */
    public Worker startWorker(List<Path> shared, Path workingDir, Path scratch) {
        try {
            Files.deleteIfExists(WarmWorkerMain.readyFile(scratch.resolve("outcomes.bin")));
            Process process = start(shared, workingDir, scratch, List.of(TestRunnerMain.SERVE,
                    scratch.resolve("outcomes.bin").toString()), true);
            return new Worker(shared, workingDir, scratch, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a test JVM in " + workingDir, e);
        }
    }

    /**
     * Runs every test under {@code testClasses} in {@code worker}, with the class path a fresh JVM
     * would get ({@link #run(Path, List, Path, Path)}); the worker may end after it (then it is not
     * {@link Worker#fits alive}).
     */
    public Run run(Worker worker, Path testClasses, List<Path> classPath) {
        return run(worker, testClasses, classPath, TestProgress.NONE);
    }

    /** {@link #run(Worker, Path, List)}, telling {@code progress} of each test as it starts and ends. */
    public Run run(Worker worker, Path testClasses, List<Path> classPath, TestProgress progress) {
        try {
            Path log = worker.scratch.resolve("output.log");
            if (!worker.awaitReady(Duration.ofMinutes(2))) {
                worker.close();
                String printed = Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
                return new Run(List.of(), worker.process.isAlive() ? "the test JVM did not start"
                        : crashReason(worker.process.exitValue(), printed), printed);
            }
            Path results = worker.scratch.resolve("outcomes.bin");
            Files.deleteIfExists(results);
            Files.deleteIfExists(TestRunnerMain.currentTestFile(results));
            Files.deleteIfExists(TestRunnerMain.progressFile(results));
            long offset = Files.size(log);
            List<Path> fullPath = new ArrayList<>(classPath);
            fullPath.add(codeLocation(TestRunnerMain.class));
            fullPath.add(codeLocation(LauncherFactory.class));
            String request = testClasses + "\t" + fullPath.stream().map(Path::toString).distinct()
                    .collect(Collectors.joining(java.io.File.pathSeparator))
                    + (untilFirstLeak ? "\t" + TestRunnerMain.UNTIL_FIRST_LEAK : "") + "\n";
            worker.runs++;
            try {
                var in = worker.process.getOutputStream();
                in.write(request.getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException e) {
                // the worker has died (its output says why): await reports it as a crash
            }
            return await(worker.process, worker.scratch, testClasses, true, offset, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the tests in " + testClasses, e);
        }
    }

    private Process start(List<Path> classPath, Path workingDir, Path scratch, List<String> arguments, boolean spare)
            throws IOException {
        Files.createDirectories(scratch);
        Path results = scratch.resolve("outcomes.bin");
        Files.deleteIfExists(results);
        Files.deleteIfExists(TestRunnerMain.currentTestFile(results));
        Files.deleteIfExists(TestRunnerMain.progressFile(results));
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
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(scratch.resolve("output.log").toFile());
        if (!spare) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                    System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null")));
        }
        return builder.start();
    }

    /**
     * Waits for the tests' end: the JVM's (a fresh JVM or a spare), or, for a worker, its results or its
     * end; stops it on a time-out. The output is what was printed from {@code offset} on.
     */
    private Run await(Process process, Path scratch, Path testClasses, boolean worker, long offset,
            TestProgress progress) throws IOException {
        Path results = scratch.resolve("outcomes.bin");
        Path current = TestRunnerMain.currentTestFile(results);
        ProgressReader events = new ProgressReader(TestRunnerMain.progressFile(results), progress);
        long deadline = System.nanoTime() + timeout.toNanos();
        String stopped = "";
        try {
            while (worker ? !Files.isRegularFile(results) && !process.waitFor(5, TimeUnit.MILLISECONDS)
                    : !process.waitFor(20, TimeUnit.MILLISECONDS)) {
                events.pass();
                if (System.nanoTime() - deadline > 0) {
                    stopped = "the tests ran longer than " + timeout.toSeconds()
                            + " s and were stopped: is there an endless loop?";
                } else if (perTestTimeout != null && Files.isRegularFile(current)) {
                    try {
                        long started = Files.getLastModifiedTime(current).toMillis();
                        if (System.currentTimeMillis() - started > perTestTimeout.toMillis()) {
                            stopped = "the test " + Files.readString(current, StandardCharsets.UTF_8).strip()
                                    + " ran longer than " + perTestTimeout.toSeconds()
                                    + " s and was stopped: is there an endless loop?";
                        }
                    } catch (IOException e) {
                        // the next test has just started: look again
                    }
                }
                if (!stopped.isEmpty()) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    break;
                }
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the tests in " + testClasses, e);
        }
        events.pass();
        String printed = readFrom(scratch.resolve("output.log"), offset);
        if (!stopped.isEmpty()) {
            return new Run(List.of(), stopped, printed);
        }
        if (!Files.isRegularFile(results)) {
            return new Run(List.of(), crashReason(process.exitValue(), printed), printed);
        }
        return new Run(readOutcomes(results), "", printed);
    }

    /** Reads the progress file's new whole lines and passes their events on. */
    private static final class ProgressReader {
        private final Path file;
        private final TestProgress progress;
        private long consumed;

        ProgressReader(Path file, TestProgress progress) {
            this.file = file;
            this.progress = progress;
        }

        void pass() {
            if (progress == TestProgress.NONE) {
                return;
            }
            byte[] added;
            try (var in = Files.newInputStream(file)) {
                if (Files.size(file) <= consumed) {
                    return;
                }
                in.skipNBytes(consumed);
                added = in.readAllBytes();
            } catch (IOException e) {
                return; // not written yet: look again
            }
            int end = lastIndexOf(added, (byte) '\n');
            if (end < 0) {
                return;
            }
            consumed += end + 1;
            for (String line : new String(added, 0, end, StandardCharsets.UTF_8).split("\n")) {
                String[] fields = line.split("\t", -1);
                if (fields[0].equals("planned") && fields.length == 2) {
                    progress.planned(Integer.parseInt(fields[1]));
                } else if (fields[0].equals("started") && fields.length == 2) {
                    progress.started(fields[1]);
                } else if (fields[0].equals("finished") && fields.length == 4) {
                    progress.finished(fields[3], fields[2].isEmpty() ? List.of() : List.of(fields[2].split(",")),
                            TestOutcome.Status.valueOf(fields[1]));
                } else if (fields[0].equals("message") && fields.length == 3) {
                    progress.explained(fields[1], TestRunnerMain.unescape(fields[2]));
                }
            }
        }

        private static int lastIndexOf(byte[] bytes, byte wanted) {
            for (int i = bytes.length - 1; i >= 0; i--) {
                if (bytes[i] == wanted) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static String readFrom(Path log, long offset) throws IOException {
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(offset, Files.size(log)));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String crashReason(int exitCode, String printed) {
        if (printed.contains("Error occurred during initialization of VM")
                || printed.contains("Could not create the Java Virtual Machine")) {
            // Not the learner's doing: the JVM options are wrong (two collectors, an unknown option, ...).
            String why = printed.lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("Error: Could not create the Java Virtual Machine")
                            && !line.startsWith("Error: A fatal exception has occurred")
                            && !line.equals("Error occurred during initialization of VM"))
                    .collect(Collectors.joining("; "));
            return "the test JVM could not start (exit code " + exitCode + "): " + (why.isEmpty() ? "see its output" : why)
                    + ". Check the test JVM options";
        }
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
