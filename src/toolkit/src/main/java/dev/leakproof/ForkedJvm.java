package dev.leakproof;

import dev.leakproof.internal.ForkedMain;
import dev.leakproof.internal.LeakTracer;
import dev.leakproof.internal.OutOfMemoryStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class in a separate JVM with a small heap, so that code which holds too much fails with
 * an {@code OutOfMemoryError} there, in the child, and the test can say so.
 *
 * <pre>{@code
 * ForkedRun run = ForkedJvm.withMaxHeap("32m").run(DownloadLargeFile.class);
 * assertThat(run).succeeded();
 * }</pre>
 *
 * <p>The child gets this JVM's class path, {@code -XX:+ExitOnOutOfMemoryError}, a heap dump when it
 * runs out (read for the failure message, then deleted) and the options given here. The class either has a {@code static main(String[])} or implements {@link Runnable}
 * with a no-argument constructor.
 */
public final class ForkedJvm {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final String maxHeap;
    private final List<String> options = new ArrayList<>();
    private Duration timeout = DEFAULT_TIMEOUT;

    private ForkedJvm(String maxHeap) {
        this.maxHeap = maxHeap;
    }

    /** A child JVM whose heap is limited to {@code maxHeap}, as in {@code -Xmx}: "32m", "1g". */
    public static ForkedJvm withMaxHeap(String maxHeap) {
        if (!maxHeap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("maxHeap must look like -Xmx's value, e.g. \"32m\"; was \"" + maxHeap + "\"");
        }
        return new ForkedJvm(maxHeap);
    }

    /** Adds a JVM option, for example {@code -XX:MaxDirectMemorySize=16m}. */
    public ForkedJvm withOption(String option) {
        options.add(option);
        return this;
    }

    /** How long the child may run before it is stopped (default 60 s). */
    public ForkedJvm withTimeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** "-XX:MaxDirectMemorySize=16m", or the JVM's default: as much as the heap. */
    private String directLimit() {
        for (String option : options) {
            if (option.startsWith("-XX:MaxDirectMemorySize=")) {
                return option;
            }
        }
        return "by default as large as the heap, -Xmx" + maxHeap;
    }

    /** Runs {@code mainClass} with {@code args} in the child and waits for it. */
    public ForkedRun run(Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        boolean explaining = LeakTracer.explaining();
        if (explaining) {
            // The dump the JVM writes as it runs out shows where it was; it is read and deleted here.
            command.add("-XX:+HeapDumpOnOutOfMemoryError");
        }
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ForkedMain.class.getName());
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        try {
            Path output = Files.createTempFile("leakproof-fork", ".log");
            Path dumps = Files.createTempDirectory("leakproof-fork");
            Path dump = dumps.resolve("out-of-memory.hprof");
            command.add(command.indexOf("-cp"), "-XX:HeapDumpPath=" + dump);
            try {
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    process.destroyForcibly().waitFor();
                }
                String text = Files.readString(output, StandardCharsets.UTF_8)
                        .replaceAll("(?m)^(Dumping heap to|Heap dump file created).*\\R", "");
                return new ForkedRun(mainClass.getName(), "-Xmx" + maxHeap, finished ? process.exitValue() : -1,
                        !finished, text, explaining ? OutOfMemoryStack.describe(dump, mainClass.getName()) : "", directLimit());
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(dump);
                Files.deleteIfExists(dumps);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a forked JVM: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the forked JVM", e);
        }
    }
}
