package dev.leakproof.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Snapshots of live threads, compared by identity, ignoring threads the JDK starts lazily. */
public final class Threads {

    /**
     * Threads the JDK or the test harness starts on first use and keeps for the life of the JVM:
     * their appearance during a test is not a leak of the code under test.
     */
    private static final Pattern JDK_LAZY = Pattern.compile(String.join("|",
            "Attach Listener",
            "Signal Dispatcher",
            "Notification Thread",
            "Common-Cleaner",
            "process reaper.*",
            "ForkJoinPool\\.commonPool-worker-.*",
            "InnocuousThread-.*",
            "JFR .*",
            "RMI .*",
            "surefire-.*",
            "junit-.*",
            "Jndi-Dns-address-change-listener",
            "leakproof-.*"));

    private Threads() {
    }

    public static Set<Thread> live() {
        Set<Thread> threads = Collections.newSetFromMap(new IdentityHashMap<>());
        threads.addAll(Thread.getAllStackTraces().keySet());
        return threads;
    }

    /** Threads alive now that were not in {@code before} and are not the JDK's own. */
    public static List<Thread> startedSince(Set<Thread> before) {
        List<Thread> started = new ArrayList<>();
        for (Thread thread : live()) {
            if (!before.contains(thread) && thread.isAlive() && !JDK_LAZY.matcher(thread.getName()).matches()) {
                started.add(thread);
            }
        }
        return started;
    }

    /** "'worker-1' (TIMED_WAITING)" and its top frames, one per line. */
    public static String describe(Thread thread, int frames) {
        StringBuilder text = new StringBuilder();
        text.append('\'').append(thread.getName()).append("' (").append(thread.getState())
                .append(thread.isDaemon() ? ", daemon" : "").append(')');
        StackTraceElement[] stack = thread.getStackTrace();
        for (int i = 0; i < Math.min(frames, stack.length); i++) {
            text.append(System.lineSeparator()).append("      at ").append(stack[i]);
        }
        return text.toString();
    }
}
