package dev.leakproof.kata;

import dev.leakproof.check.Lesson;
import dev.leakproof.check.TestOutcome;
import java.util.List;
import java.util.stream.Collectors;

/** A verdict as the learner reads it: what passed, what leaked and why, or what stopped the run. */
final class Report {

    private Report() {
    }

    /** The verdict's text; {@code testJvmOptions} are the test JVM's, to name its heap size. */
    static String verdict(Lesson lesson, Verdict verdict, Style style, List<String> testJvmOptions) {
        StringBuilder text = new StringBuilder();
        String took = style.dim(String.format(java.util.Locale.ROOT, " (%.1f s: compiled in %.1f s, tested in %.1f s)",
                verdict.millis() / 1000.0, verdict.compileMillis() / 1000.0,
                (verdict.millis() - verdict.compileMillis()) / 1000.0));
        switch (verdict.kind()) {
            case GREEN:
                boolean leakTests = verdict.outcomes().stream().anyMatch(o -> o.tags().contains("leak"));
                text.append(style.pass()).append(' ').append(style.green(style.bold("Green: all "
                        + verdict.outcomes().size() + " tests of " + lesson.id() + " pass."
                        + (leakTests ? " The leak is gone." : "")))).append(took).append('\n');
                outcomes(text, verdict.outcomes(), style, false);
                break;
            case RED:
                long failing = verdict.outcomes().stream().filter(o -> o.status() != TestOutcome.Status.PASSED).count();
                boolean leaks = verdict.outcomes().stream().anyMatch(o -> o.status() == TestOutcome.Status.LEAKED);
                text.append(style.fail()).append(' ').append(style.red(style.bold("Red: " + failing + " of "
                        + verdict.outcomes().size() + " tests of " + lesson.id() + " fail"
                        + (leaks ? ". The code leaks." : ".")))).append(took).append('\n');
                outcomes(text, verdict.outcomes(), style, true);
                break;
            case COMPILE_ERROR:
                text.append(style.fail()).append(' ').append(style.red(style.bold("The code does not compile:"))).append('\n');
                for (String error : verdict.problems()) {
                    text.append("  ").append(error.replace("\n", "\n    ")).append('\n');
                }
                break;
            case CRASHED:
                text.append(style.fail()).append(' ').append(style.red(style.bold("The tests did not finish: "
                        + verdict.problems().get(0)))).append(took).append('\n');
                String reason = verdict.problems().get(0);
                if (reason.contains("out of memory") || verdict.output().contains("java.lang.OutOfMemoryError")) {
                    if (!reason.contains("out of memory")) {
                        text.append("  The test JVM ran out of memory (java.lang.OutOfMemoryError) before that.\n");
                    }
                    String heap = testJvmOptions.stream().filter(o -> o.startsWith("-Xmx")).reduce((a, b) -> b)
                            .map(o -> " (" + o + ")").orElse("");
                    text.append("  The code filled the test JVM's heap").append(heap)
                            .append(": something it keeps grows without a bound.\n");
                } else if (reason.contains("could not start")) {
                    text.append("  Not your code: the test JVM's options are wrong (a second collector, an option this JDK\n"
                            + "  does not know). Check --gc, or -Dleakproof.gc when the workbook was built.\n");
                } else if (reason.contains("exit code")) {
                    text.append("  Learner code must not end the JVM: throw an exception instead of calling System.exit.\n");
                }
                String tail = lastLines(verdict.output(), 12);
                if (!tail.isEmpty()) {
                    text.append("  Last output of the test JVM:\n").append(indent(tail, "    ")).append('\n');
                }
                break;
            default:
                text.append(style.fail()).append(' ').append(style.red(style.bold("Nothing to run: "
                        + String.join("; ", verdict.problems())))).append('\n');
        }
        return text.toString();
    }

    private static void outcomes(StringBuilder text, List<TestOutcome> outcomes, Style style, boolean explain) {
        for (TestOutcome outcome : outcomes) {
            boolean passed = outcome.status() == TestOutcome.Status.PASSED;
            text.append(testLine(outcome.displayName(), outcome.tags(), outcome.status(), style))
                    .append(style.dim("  " + outcome.shortName()));
            if (!passed) {
                text.append(": ").append(describe(outcome, style));
            }
            text.append('\n');
            if (!passed && explain && !outcome.message().isBlank()) {
                text.append(indent(outcome.message().strip(), "      ")).append('\n');
            }
            if (!passed && explain && outcome.status() == TestOutcome.Status.FAILED) {
                String frames = frames(outcome);
                if (!frames.isEmpty()) {
                    text.append(indent(frames, "      ")).append('\n');
                }
            }
        }
    }

    /** A test's line: its mark, its kind (leak or contract test) and its name. */
    static String testLine(String displayName, List<String> tags, TestOutcome.Status status, Style style) {
        String kind = tags.contains("leak") ? "leak    " : tags.contains("contract") ? "contract" : "test    ";
        return "  " + (status == TestOutcome.Status.PASSED ? style.pass() : style.fail()) + ' ' + kind + ' ' + displayName;
    }

    private static String describe(TestOutcome outcome, Style style) {
        switch (outcome.status()) {
            case LEAKED:
                return style.red("leaked");
            case SKIPPED:
                return style.yellow("skipped");
            default:
                String type = outcome.failureType();
                if (type.endsWith("StackOverflowError")) {
                    return style.red("StackOverflowError: the stack overflowed; is there an endless recursion?");
                }
                if (type.endsWith("TimeoutException")) {
                    return style.red("timed out");
                }
                if (type.endsWith("OutOfMemoryError")) {
                    return style.red("OutOfMemoryError: the heap filled up");
                }
                return style.red("failed with " + type.substring(type.lastIndexOf('.') + 1));
        }
    }

    /** The stack frames in the lesson's own code (not the JDK's, JUnit's or the toolkit's), at most five. */
    private static String frames(TestOutcome outcome) {
        return outcome.stackTrace().lines()
                .map(String::strip)
                .filter(line -> line.startsWith("at ") && !line.matches("at (java|javax|jdk|sun|org\\.junit|org\\.assertj|dev\\.leakproof)\\..*"))
                .distinct()
                .limit(5)
                .collect(Collectors.joining("\n"));
    }

    static String indent(String text, String prefix) {
        return text.lines().map(line -> prefix + line).collect(Collectors.joining("\n"));
    }

    static String lastLines(String text, int count) {
        List<String> lines = text.strip().lines().collect(Collectors.toList());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
