package dev.leakproof.check;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.ref.WeakReference;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The warm worker's side of {@link TestRunner.Worker}: a JVM that keeps JUnit, AssertJ and the
 * toolkit loaded (and the JIT warm) and runs request after request, each lesson run in a fresh
 * class loader over the lesson's own classes and jars, on a fresh thread whose context class
 * loader it is. After each run it checks that nothing of the run is left (threads, the class
 * loader, heap); when something is, or after {@link #MAX_RUNS} runs, it ends, and the runner
 * starts a fresh one.
 *
 * <p>Protocol: a request is one line on standard input, {@code test classes folder TAB class path}
 * (the class path a fresh test JVM would get), optionally followed by {@code TAB --until-first-leak}. The outcomes are written to the results file (named
 * by the argument, written whole, then moved into place); then, once the checks are done,
 * {@code ready N} to {@link #readyFile} (N: the runs so far), or the JVM ends.
 */
final class WarmWorkerMain {

    /** After this many runs, a worker is replaced even when nothing seems left over. */
    static final int MAX_RUNS = 20;

    private WarmWorkerMain() {
    }

    static Path readyFile(Path results) {
        return results.resolveSibling(results.getFileName() + ".ready");
    }

    /**
     * The name of this JVM's own main thread while it serves: it only waits while a run's tests go
     * on, and the toolkit knows it by this name as the harness's, not the lesson's (see its {@code Gc}).
     */
    static final String THREAD_NAME = "leakproof-warm-worker";

    static void serve(Path results) throws IOException {
        Thread.currentThread().setName(THREAD_NAME);
        TestRunnerMain.warmUp(LauncherFactory.create());
        Set<String> own = new LinkedHashSet<>(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        String ownClassPath = System.getProperty("java.class.path");
        writeAtomically(readyFile(results), "ready 0");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int runs = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] request = line.split("\t", -1);
            if (request.length < 2) {
                break;
            }
            Path testClasses = Path.of(request[0]);
            List<URL> lesson = new ArrayList<>();
            for (String entry : request[1].split(File.pathSeparator)) {
                if (!entry.isEmpty() && !own.contains(entry)) {
                    lesson.add(url(entry));
                }
            }
            // What a fresh test JVM's java.class.path would be: the toolkit's forked JVMs read it.
            System.setProperty("java.class.path", request[1]);
            boolean untilFirstLeak = request.length > 2 && request[2].equals(TestRunnerMain.UNTIL_FIRST_LEAK);
            String recycle;
            try {
                recycle = runOnce(testClasses, lesson, results, untilFirstLeak);
            } finally {
                System.setProperty("java.class.path", ownClassPath);
            }
            runs++;
            if (recycle.isEmpty() && runs >= MAX_RUNS) {
                recycle = runs + " runs";
            }
            if (!recycle.isEmpty()) {
                System.err.println("[kata worker] replaced: " + recycle);
                System.exit(0);
            }
            writeAtomically(readyFile(results), "ready " + runs);
        }
        System.exit(0);
    }

    /** Runs the tests once in a class loader of their own and writes the outcomes; why to recycle, or empty. */
    private static String runOnce(Path testClasses, List<URL> lessonPath, Path results, boolean untilFirstLeak)
            throws IOException {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        URLClassLoader loader = new URLClassLoader("kata-lesson", lessonPath.toArray(new URL[0]),
                WarmWorkerMain.class.getClassLoader());
        WeakReference<ClassLoader> collected = new WeakReference<>(loader);
        List<TestOutcome> outcomes = new ArrayList<>();
        Throwable[] escaped = new Throwable[1];
        // A fresh thread per run: ThreadLocals set by the lesson's code end with it.
        Thread main = new Thread(() -> {
            try {
                outcomes.addAll(TestRunnerMain.runTests(LauncherFactory.create(), testClasses, results,
                        untilFirstLeak));
            } catch (Throwable e) {
                escaped[0] = e;
            }
        }, "main");
        main.setContextClassLoader(loader);
        main.start();
        try {
            main.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
        if (escaped[0] != null) {
            // As in a fresh JVM, where it would escape main: the JVM ends and the runner reports a crash.
            escaped[0].printStackTrace();
            System.exit(1);
        }
        System.out.flush();
        System.err.flush();
        Path written = results.resolveSibling(results.getFileName() + ".tmp");
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(written))) {
            out.writeObject(outcomes);
        }
        Files.move(written, results, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        // The verdict is out; now make sure nothing of this run can touch the next one.
        for (TestOutcome outcome : outcomes) {
            if (outcome.failureType().equals(OutOfMemoryError.class.getName())
                    || outcome.failureType().equals(StackOverflowError.class.getName())
                    || outcome.failureType().equals("java.lang.InternalError")) {
                return "a test ended with " + outcome.failureType();
            }
        }
        main = null;
        loader.close();
        loader = null;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread) && thread.isAlive()
                    && (!thread.isDaemon() || thread.getContextClassLoader() == collected.get())) {
                return "the thread " + thread.getName() + " outlived the run";
            }
        }
        before = null;
        for (int i = 0; i < 5 && collected.get() != null; i++) {
            System.gc();
            try {
                Thread.sleep(10L * i);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (collected.get() != null) {
            return "the run's class loader is still reachable";
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : Runtime.getRuntime().maxMemory();
        if (heap.getUsed() > max / 4) {
            return "heap in use after a full collection is " + heap.getUsed() / (1024 * 1024) + " MiB";
        }
        return "";
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a class path entry: " + entry, e);
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path written = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(written, text, StandardCharsets.UTF_8);
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
