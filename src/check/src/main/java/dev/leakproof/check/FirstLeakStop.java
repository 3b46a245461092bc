package dev.leakproof.check;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the leak tests that would run after one has failed by a leak assertion, when
 * {@link TestRunner#untilFirstLeak()} asks for it: a near-miss is proven wrong by one leak
 * failure, and each further one costs a heap dump and its analysis. Contract tests always run.
 *
 * <p>Registered through {@code META-INF/services}, so JUnit finds it only in a run that turns on
 * extension auto-detection, and it acts only when {@link #ENABLED} is set as well.
 */
public final class FirstLeakStop implements ExecutionCondition {

    /** The configuration parameter that turns it on. */
    static final String ENABLED = "leakproof.check.untilFirstLeak";

    private static volatile boolean leakFound;

    static void reset() {
        leakFound = false;
    }

    static void leakFound() {
        leakFound = true;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean on = context.getConfigurationParameter(ENABLED).map(Boolean::parseBoolean).orElse(false);
        if (on && leakFound && context.getTestMethod().isPresent()
                && context.getTags().contains(Cell.ContractOrLeak.LEAK.tag())) {
            return ConditionEvaluationResult.disabled("an earlier leak test already failed by a leak assertion");
        }
        return ConditionEvaluationResult.enabled("");
    }
}
