package dev.leakproof;

import dev.leakproof.internal.Gc;
import dev.leakproof.internal.LeakTracer;
import dev.leakproof.internal.OpenFiles;
import dev.leakproof.internal.Threads;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prepares the JVM before each {@link LeakTest}: loads what the toolkit needs and lets the JDK
 * start its lazy threads now, so they are not mistaken for the code's leftovers, then collects
 * the previous tests' garbage. It also tells failure messages which package is the learner's code,
 * and whether to explain themselves at all: a run that needs only verdicts sets the configuration
 * parameter {@code leakproof.explanations=off}.
 */
public final class LeakTestExtension implements BeforeEachCallback, AfterEachCallback {

    private static volatile boolean warmedUp;

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!warmedUp) {
            ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            ManagementFactory.getThreadMXBean().getThreadCount();
            Threads.live();
            if (OpenFiles.countedByTheSystem()) {
                OpenFiles.count();
                OpenFiles.targets();
            }
            warmedUp = true;
        }
        // The test's package is the lesson's: failure messages mark references declared there.
        LeakTracer.setYourPackage(context.getRequiredTestClass().getPackageName());
        LeakTracer.setExplaining(!context.getConfigurationParameter(LeakTracer.EXPLANATIONS).orElse("on").equals("off"));
        Gc.collect();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LeakTracer.setYourPackage("");
        LeakTracer.setExplaining(true);
    }
}
