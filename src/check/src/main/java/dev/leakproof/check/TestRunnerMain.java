package dev.leakproof.check;

import dev.leakproof.internal.LeakTracer;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs in a JVM of its own, forked by {@link TestRunner}: runs every test in a folder of compiled
 * test classes with the JUnit Platform launcher and writes one {@link TestOutcome} per test.
 *
 * <p>Arguments: the test classes folder and the file to write the outcomes to; or {@code --serve}
 * and the results file, for a warm worker (see {@link TestRunner.Worker}).
 * While a test runs, its name is in {@link #currentTestFile} (while a test class sets up, "class" and
 * its name), for the per-test time-out.
 */
public final class TestRunnerMain {

    static final String LEAK_ASSERTION = "dev.leakproof.LeakAssertionError";

    private TestRunnerMain() {
    }

    /**
     * The argument that makes this JVM a warm worker (see {@link TestRunner.Worker}), followed by the
     * results file: it runs request after request, each in a class loader of its own.
     */
    static final String SERVE = "--serve";

    /** The argument after the results file that stops the leak tests at the first leak (see {@link FirstLeakStop}). */
    static final String UNTIL_FIRST_LEAK = "--until-first-leak";

    public static void main(String[] args) throws IOException {
        if (args.length > 1 && args[0].equals(SERVE)) {
            WarmWorkerMain.serve(Path.of(args[1]));
            return;
        }
        boolean untilFirstLeak = args.length > 2 && args[2].equals(UNTIL_FIRST_LEAK);
        runAndExit(LauncherFactory.create(), Path.of(args[0]), Path.of(args[1]), untilFirstLeak);
    }

    /**
     * Loads what every lesson's tests use before the request comes: the discovery of the JUnit Jupiter
     * engine (on an empty folder) and the classes of AssertJ and of the toolkit. Nothing of the
     * lesson is loaded, no test runs, and no object of these libraries is left behind.
     */
    static void warmUp(Launcher launcher) {
        try {
            Path empty = Files.createTempDirectory("leakproof-spare");
            launcher.discover(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(empty))).build());
            Files.delete(empty);
        } catch (IOException | RuntimeException e) {
            // only a warm-up
        }
        for (String name : List.of("org.assertj.core.api.Assertions", "dev.leakproof.LeakAssertions")) {
            try {
                Class.forName(name, false, TestRunnerMain.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // not on this class path
            }
        }
    }

    /** The file beside the results where the name of the test running now is written, with its start. */
    static Path currentTestFile(Path results) {
        return results.resolveSibling(results.getFileName() + ".current");
    }

    private static void runAndExit(Launcher launcher, Path testClasses, Path results, boolean untilFirstLeak)
            throws IOException {
        List<TestOutcome> outcomes;
        try {
            outcomes = runTests(launcher, testClasses, results, untilFirstLeak);
        } catch (Throwable escaped) {
            // JUnit rethrows an OutOfMemoryError. Die of it now, as the warm worker does: the thread
            // that watches @Timeout (of every @LeakTest) is not a daemon and would keep this JVM alive.
            escaped.printStackTrace();
            System.exit(1);
            return;
        }
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(results))) {
            out.writeObject(outcomes);
        }
        // Lesson code may leave non-daemon threads behind (that can be the very leak): do not wait for them.
        System.exit(0);
    }

    /**
     * The file beside the results where the run's progress is appended, a line an event, for
     * {@link TestRunner} to pass on to a {@link TestProgress}: {@code planned TAB n},
     * {@code started TAB name} and {@code finished TAB status TAB tags TAB name}, then, for a test that
     * did not pass, {@code message TAB name TAB text}: its failure's message, {@link #escape escaped}.
     */
    static Path progressFile(Path results) {
        return results.resolveSibling(results.getFileName() + ".progress");
    }

    /**
     * Runs every test under {@code testClasses}, loaded by the thread's context class loader; the
     * outcomes. With {@code untilFirstLeak}, the leak tests after the first leak failure are skipped.
     */
    static List<TestOutcome> runTests(Launcher launcher, Path testClasses, Path results, boolean untilFirstLeak) {
        List<TestOutcome> outcomes = new ArrayList<>();
        Path current = currentTestFile(results);
        Path progress = progressFile(results);
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(testClasses)));
        FirstLeakStop.reset();
        if (untilFirstLeak) {
            // FirstLeakStop is registered through META-INF/services: found only when this is on.
            builder.configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true");
            builder.configurationParameter(FirstLeakStop.ENABLED, "true");
            // The verdict is all a near-miss's run needs: no heap dump and path search for an explanation.
            builder.configurationParameter(LeakTracer.EXPLANATIONS, "off");
        }
        LauncherDiscoveryRequest request = builder.build();
        launcher.execute(request, new TestExecutionListener() {
            private TestPlan plan;
            private final Set<String> reported = new HashSet<>();

            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                plan = testPlan;
                tell("planned", Long.toString(testPlan.countTestIdentifiers(TestIdentifier::isTest)));
            }

            /** Appends an event to the progress file: one write, so a reader sees whole lines. */
            private void tell(String... fields) {
                String line = Arrays.stream(fields).map(f -> f.replaceAll("[\\t\\r\\n]+", " "))
                        .collect(Collectors.joining("\t", "", "\n"));
                try {
                    Files.writeString(progress, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    // only a display follows it: never fail a test for it
                }
            }

            @Override
            public void executionStarted(TestIdentifier test) {
                String name;
                if (test.isTest()) {
                    name = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                            .map(m -> simpleName(m.getClassName()) + "." + m.getMethodName())
                            .orElse(test.getDisplayName());
                } else if (test.getSource().filter(ClassSource.class::isInstance).isPresent()) {
                    // A test class's @BeforeAll runs before any of its tests starts: timed as the class.
                    name = "class " + simpleName(((ClassSource) test.getSource().get()).getClassName());
                } else {
                    return;
                }
                try {
                    Files.writeString(current, name, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    // only the runner's per-test time-out reads it: never fail a test for it
                }
                if (test.isTest()) {
                    tell("started", test.getDisplayName());
                }
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                if (test.isTest()) {
                    report(test, TestOutcome.Status.SKIPPED, null);
                } else {
                    // A skipped class (@Disabled) skips the tests it contains: JUnit reports none of them.
                    for (TestIdentifier unreported : unreportedTestsIn(test)) {
                        report(unreported, TestOutcome.Status.SKIPPED, null);
                    }
                }
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                Throwable failure = result.getThrowable().orElse(null);
                if (test.isTest()) {
                    report(test, status(result), failure);
                } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    // A class-level failure (a @BeforeAll, a static initializer) fails the tests it
                    // contains. JUnit reports none of those that never ran: each gets the class's failure,
                    // under its own tags, so that the cells judge it. A failure after the tests had run
                    // (an @AfterAll) is reported on the class itself.
                    List<TestIdentifier> unreported = unreportedTestsIn(test);
                    for (TestIdentifier never : unreported) {
                        report(never, status(result), failure);
                    }
                    if (unreported.isEmpty() && result.getStatus() == TestExecutionResult.Status.FAILED) {
                        outcomes.add(outcome(test, status(result), failure));
                    }
                }
            }

            private List<TestIdentifier> unreportedTestsIn(TestIdentifier container) {
                if (plan == null) {
                    return List.of();
                }
                return plan.getDescendants(container).stream()
                        .filter(TestIdentifier::isTest)
                        .filter(descendant -> !reported.contains(descendant.getUniqueId()))
                        .sorted(java.util.Comparator.comparing(TestIdentifier::getUniqueId))
                        .collect(Collectors.toList());
            }

            private void report(TestIdentifier test, TestOutcome.Status status, Throwable failure) {
                if (status == TestOutcome.Status.LEAKED) {
                    FirstLeakStop.leakFound();
                }
                if (reported.add(test.getUniqueId())) {
                    TestOutcome outcome = outcome(test, status, failure);
                    outcomes.add(outcome);
                    tell("finished", status.name(), String.join(",", outcome.tags()), test.getDisplayName());
                    if (status != TestOutcome.Status.PASSED && !outcome.message().isBlank()) {
                        // What failed and why, as soon as it is known: a display can show the first
                        // leak explained while the other tests still run.
                        tell("message", test.getDisplayName(), escape(outcome.message()));
                    }
                }
            }
        });
        return outcomes;
    }

    /** A text on one line: a backslash, tab, carriage return and line feed become {@code \\ \t \r \n}. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }

    /** The text that {@link #escape} was given. */
    static String unescape(String line) {
        StringBuilder text = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                text.append(next == 'n' ? '\n' : next == 't' ? '\t' : next == 'r' ? '\r' : next);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static TestOutcome.Status status(TestExecutionResult result) {
        switch (result.getStatus()) {
            case SUCCESSFUL:
                return TestOutcome.Status.PASSED;
            case ABORTED:
                return TestOutcome.Status.SKIPPED;
            default:
                return result.getThrowable().filter(TestRunnerMain::isLeakAssertion).isPresent()
                        ? TestOutcome.Status.LEAKED : TestOutcome.Status.FAILED;
        }
    }

    static boolean isLeakAssertion(Throwable failure) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(LEAK_ASSERTION)) {
                return true;
            }
        }
        return false;
    }

    private static TestOutcome outcome(TestIdentifier test, TestOutcome.Status status, Throwable failure) {
        Optional<TestSource> source = test.getSource();
        String className = test.getDisplayName();
        String methodName = "";
        if (source.isPresent() && source.get() instanceof MethodSource) {
            MethodSource method = (MethodSource) source.get();
            className = method.getClassName();
            methodName = method.getMethodName();
        } else if (source.isPresent() && source.get() instanceof ClassSource) {
            className = ((ClassSource) source.get()).getClassName();
            methodName = TestOutcome.CLASS_LEVEL;
        }
        List<String> tags = test.getTags().stream().map(TestTag::getName).sorted().collect(Collectors.toList());
        String failureType = failure == null ? "" : failure.getClass().getName();
        String message = failure == null || failure.getMessage() == null ? "" : failure.getMessage();
        String stackTrace = "";
        if (failure != null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            stackTrace = trace.toString();
        }
        return new TestOutcome(className, methodName, test.getDisplayName(), tags, status, failureType, message,
                stackTrace);
    }
}
