package dev.leakproof;

import static dev.leakproof.LeakAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.fixtures.FailsPlainly;
import dev.leakproof.fixtures.HeapHolder;
import dev.leakproof.fixtures.KeepsDirectBuffers;
import dev.leakproof.fixtures.KeepsEverything;
import dev.leakproof.fixtures.KeepsTheLatest;
import dev.leakproof.fixtures.RunsOutBesideAFullHeap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ForkedJvm with a small heap")
class ForkedJvmTest {

    @Test
    @DisplayName("passes for a task that keeps only what it needs, in a heap much smaller than its total allocation")
    void passesForABoundedTask() {
        ForkedRun run = ForkedJvm.withMaxHeap("32m").run(KeepsTheLatest.class);

        assertThat(run).succeeded();
        assertThat(run.output()).contains("done, latest is 1048576 bytes");
    }

    @Test
    @DisplayName("reports a child's OutOfMemoryError as a leak, with the child's output")
    void reportsOutOfMemoryAsALeak() {
        ForkedRun run = ForkedJvm.withMaxHeap("32m").run(KeepsEverything.class);

        assertThat(run.ranOutOfMemory()).isTrue();
        assertThatThrownBy(() -> assertThat(run).succeeded())
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("KeepsEverything to finish within a heap of -Xmx32m")
                .hasMessageContaining("ran out of memory")
                .hasMessageContaining("--- output of the forked JVM ---")
                .hasMessageContaining("java.lang.OutOfMemoryError");
    }

    @Test
    @DisplayName("shows where the child's heap ran out: the stack of the thread that could not allocate, from its dump")
    void showsWhereTheHeapRanOut() {
        ForkedRun run = ForkedJvm.withMaxHeap("32m").run(KeepsEverything.class);

        assertThatThrownBy(() -> assertThat(run).succeeded())
                .hasMessageContaining("Where the heap ran out (from the dump the forked JVM wrote then")
                .hasMessageContaining("the thread 'main' could not allocate, at")
                .hasMessageContaining(KeepsEverything.class.getName() + ".main(KeepsEverything.java:12)")
                .hasMessageNotContaining("OutOfMemoryError.<init>")
                .hasMessageNotContaining("Dumping heap");
    }

    @Test
    @DisplayName("shows also the other threads that were running your code: one of them may be what filled the heap")
    void showsTheThreadsRunningYourCode() {
        ForkedRun run = ForkedJvm.withMaxHeap("32m").run(RunsOutBesideAFullHeap.class);

        assertThatThrownBy(() -> assertThat(run).succeeded())
                .hasMessageContaining("the thread 'main' could not allocate, at" + System.lineSeparator()
                        + "      " + RunsOutBesideAFullHeap.class.getName() + ".main(RunsOutBesideAFullHeap.java:17)")
                .hasMessageContaining("while the thread 'holder' ran your code, at")
                .hasMessageContaining("▶ " + HeapHolder.class.getName() + ".fillAndWait(HeapHolder.java:21)");
    }

    @Test
    @DisplayName("names direct memory as what ran out when direct buffers fill it, not the heap")
    void namesDirectMemory() {
        ForkedRun run = ForkedJvm.withMaxHeap("64m").withOption("-XX:MaxDirectMemorySize=16m")
                .run(KeepsDirectBuffers.class);

        assertThatThrownBy(() -> assertThat(run).succeeded())
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("KeepsDirectBuffers to finish within its direct memory "
                        + "(-XX:MaxDirectMemorySize=16m), but it ran out of direct memory")
                .hasMessageContaining("Its heap (-Xmx64m) did not run out.")
                .hasMessageContaining("Where it ran out: java.lang.OutOfMemoryError: ")
                .hasMessageContaining("▶ " + KeepsDirectBuffers.class.getName() + ".main(KeepsDirectBuffers.java:13)")
                .hasMessageNotContaining("within a heap of");
    }

    @Test
    @DisplayName("prints the errors the JDK's HTTP server swallows, so that the output says why a request failed")
    void printsErrorsAServerSwallows() {
        ForkedRun run = ForkedJvm.withMaxHeap("64m").run(dev.leakproof.fixtures.HandlerFailsInAServer.class);

        assertThat(run.output())
                .contains("The server's handler failed: java.lang.OutOfMemoryError: Direct buffer memory")
                .contains("at dev.leakproof.fixtures.HandlerFailsInAServer");
    }

    @Test
    @DisplayName("shows no stack when the child failed for another reason")
    void showsNoStackOtherwise() {
        ForkedRun run = ForkedJvm.withMaxHeap("32m").run(FailsPlainly.class, "weekly");

        assertThatThrownBy(() -> assertThat(run).succeeded()).hasMessageNotContaining("Where the heap ran out");
    }

    @Test
    @DisplayName("reports any other failure of the child as a plain assertion error, not a leak")
    void reportsOtherFailuresPlainly() {
        ForkedRun run = ForkedJvm.withMaxHeap("32m").run(FailsPlainly.class, "weekly");

        assertThatThrownBy(() -> assertThat(run).succeeded())
                .isInstanceOf(AssertionError.class)
                .isNotInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("exited with code 1")
                .hasMessageContaining("no such report: weekly")
                .hasMessageContaining("about to fail");
    }

    @Test
    @DisplayName("refuses a heap size -Xmx would not understand")
    void refusesABadHeapSize() {
        assertThatThrownBy(() -> ForkedJvm.withMaxHeap("32 MB")).isInstanceOf(IllegalArgumentException.class);
    }
}
