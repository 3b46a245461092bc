package dev.leakproof;

import static dev.leakproof.LeakAssertions.assertThatRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("assertThatRunning(...)")
class LeftoversAssertTest {

    @Nested
    @DisplayName(".leavesNoThreads()")
    class Threads {

        private final CountDownLatch release = new CountDownLatch(1);

        @AfterEach
        void releaseThreads() {
            release.countDown();
        }

        @Test
        @DisplayName("passes when the code shuts down the pool it started")
        void passesForAPoolThatIsShutDown() {
            assertThatRunning(() -> {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.submit(() -> { }).get();
                pool.shutdown();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }).leavesNoThreads();
        }

        @Test
        @DisplayName("does not count threads the JDK starts on first use, such as the common pool's")
        void ignoresTheJdksLazyThreads() {
            assertThatRunning(() -> CompletableFuture.runAsync(() -> { }).get()).leavesNoThreads();
        }

        @Test
        @DisplayName("fails naming a thread the code left running, with its state and top frames")
        void failsForAThreadLeftRunning() {
            assertThatThrownBy(() -> assertThatRunning(() -> {
                Thread worker = new Thread(this::awaitRelease, "report-worker-1");
                worker.start();
            }).leavesNoThreads())
                    .isInstanceOf(LeakAssertionError.class)
                    .hasMessageContaining("1 thread it started is still alive")
                    .hasMessageContaining("'report-worker-1' (WAITING)")
                    .hasMessageContaining("at ");
        }

        private void awaitRelease() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Nested
    @DisplayName(".leavesNoIncreaseIn(measure)")
    class Measures {

        /** A toy pool: what the code borrows must come back. */
        private final java.util.concurrent.atomic.AtomicInteger borrowed = new java.util.concurrent.atomic.AtomicInteger();

        @Test
        @DisplayName("passes when the code gives back what it borrowed, even when it throws")
        void passesWhenReturned() {
            assertThatRunning(() -> {
                borrowed.incrementAndGet();
                try {
                    throw new IllegalStateException("query failed");
                } finally {
                    borrowed.decrementAndGet();
                }
            }).leavesNoIncreaseIn(LeakAssertions.measure("borrowed connections", borrowed::get));
        }

        @Test
        @DisplayName("fails naming the measure and what the code left behind")
        void failsWhenKept() {
            assertThatThrownBy(() -> assertThatRunning(() -> {
                borrowed.incrementAndGet();
                throw new IllegalStateException("query failed");
            }).leavesNoIncreaseIn(LeakAssertions.measure("borrowed connections", borrowed::get)))
                    .isInstanceOf(LeakAssertionError.class)
                    .hasMessageContaining("Expected borrowed connections to be back to 0 after the code, "
                            + "but borrowed connections read 1")
                    .hasMessageContaining("IllegalStateException: query failed");
        }

        @Test
        @DisplayName("must come first in its chain, while there is a reading from before the code")
        void mustComeFirst() {
            LeftoversAssert leftovers = assertThatRunning(() -> { });
            leftovers.leavesNoThreads();

            assertThatThrownBy(() -> leftovers.leavesNoIncreaseIn(LeakAssertions.measure("x", () -> 0)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    @DisplayName(".leavesNoOpenFiles()")
    @DisabledOnOs(OS.WINDOWS)
    class Files_ {

        private final List<java.io.Closeable> leaked = new ArrayList<>();

        @TempDir
        Path dir;

        @AfterEach
        void closeLeaked() throws IOException {
            for (java.io.Closeable in : leaked) {
                in.close();
            }
        }

        @Test
        @DisplayName("passes when the code closes what it opens")
        void passesForClosedFiles() throws IOException {
            Path file = Files.writeString(dir.resolve("orders.csv"), "a,b\n");

            assertThatRunning(() -> {
                try (InputStream in = Files.newInputStream(file)) {
                    in.readAllBytes();
                }
            }).leavesNoOpenFiles();
        }

        @Test
        @DisplayName("fails naming the file left open, even when the code threw")
        void failsForAFileLeftOpen() throws IOException {
            Path file = Files.writeString(dir.resolve("orders.csv"), "a,b\n");

            LeftoversAssert leftovers = assertThatRunning(() -> {
                InputStream in = new FileInputStream(file.toFile());
                leaked.add(in);
                throw new IllegalStateException("bad row");
            });

            assertThatThrownBy(leftovers::leavesNoOpenFiles)
                    .isInstanceOf(LeakAssertionError.class)
                    .hasMessageContaining("1 descriptor is still open")
                    .hasMessageContaining("orders.csv")
                    .hasMessageContaining("IllegalStateException: bad row");
            assertThat(leftovers.thrown()).hasMessage("bad row");
        }

        @Test
        @DisplayName("fails for a jar the code opened and left open: only the class path's jars are excused")
        @EnabledOnOs(OS.LINUX)
        void failsForAJarLeftOpen() throws IOException {
            Path jar = dir.resolve("plugin-1.2.jar");
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new java.util.jar.JarEntry("plugin.properties"));
                out.write("name=plugin\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }

            LeftoversAssert leftovers = assertThatRunning(() -> leaked.add(new java.util.jar.JarFile(jar.toFile())));

            assertThatThrownBy(leftovers::leavesNoOpenFiles)
                    .isInstanceOf(LeakAssertionError.class)
                    .hasMessageContaining("1 descriptor is still open")
                    .hasMessageContaining("plugin-1.2.jar");
        }

        @Test
        @DisplayName("fails for a file left open while an older one was closed, though the count stays the same")
        @EnabledOnOs(OS.LINUX)
        void failsForANewFileBehindAClosedOne() throws IOException {
            Path old = Files.writeString(dir.resolve("yesterday.csv"), "a,b\n");
            Path file = Files.writeString(dir.resolve("today.csv"), "a,b\n");
            InputStream openedBefore = new FileInputStream(old.toFile());

            LeftoversAssert leftovers = assertThatRunning(() -> {
                openedBefore.close();
                leaked.add(new FileInputStream(file.toFile()));
            });

            assertThatThrownBy(leftovers::leavesNoOpenFiles)
                    .isInstanceOf(LeakAssertionError.class)
                    .hasMessageContaining("1 descriptor is still open")
                    .hasMessageContaining("today.csv")
                    .hasMessageNotContaining("yesterday.csv");
        }
    }
}
