package dev.leakproof.kata;

import dev.leakproof.check.TestOutcome;
import java.util.List;
import java.util.stream.Collectors;

/** What one run of a lesson gave the learner: green, red (with the tests' outcomes), or why it could not run. */
final class Verdict {

    enum Kind {
        /** Every test passed. */
        GREEN,
        /** A test failed: the leak, or a broken contract. */
        RED,
        /** The code does not compile. */
        COMPILE_ERROR,
        /** The test JVM ended early: System.exit, out of memory, an endless loop. */
        CRASHED,
        /** There is no test to run: a test file was deleted. */
        NO_TESTS
    }

    private final Kind kind;
    private final List<TestOutcome> outcomes;
    private final List<String> problems;
    private final String output;
    private final long millis;
    private long compileMillis;

    Verdict(Kind kind, List<TestOutcome> outcomes, List<String> problems, String output, long millis) {
        this.kind = kind;
        this.outcomes = List.copyOf(outcomes);
        this.problems = List.copyOf(problems);
        this.output = output;
        this.millis = millis;
    }

    /** Of {@link #millis}, how long the compiler took (the rest: the test JVM and the tests). */
    long compileMillis() {
        return compileMillis;
    }

    Verdict withCompileMillis(long took) {
        this.compileMillis = took;
        return this;
    }

    Kind kind() {
        return kind;
    }

    boolean green() {
        return kind == Kind.GREEN;
    }

    List<TestOutcome> outcomes() {
        return outcomes;
    }

    /** Compiler errors, the reason of a crash, or what is missing. */
    List<String> problems() {
        return problems;
    }

    String output() {
        return output;
    }

    long millis() {
        return millis;
    }

    Verdict withMillis(long took) {
        return new Verdict(kind, outcomes, problems, output, took).withCompileMillis(compileMillis);
    }

    static Verdict of(List<TestOutcome> outcomes, String output) {
        List<TestOutcome> tests = outcomes.stream().filter(o -> !o.classLevel()).collect(Collectors.toList());
        if (tests.isEmpty()) {
            return new Verdict(Kind.NO_TESTS, outcomes, List.of("the tests ran, but none was found"), output, 0);
        }
        boolean green = outcomes.stream().allMatch(o -> o.status() == TestOutcome.Status.PASSED);
        return new Verdict(green ? Kind.GREEN : Kind.RED, outcomes, List.of(), output, 0);
    }
}
