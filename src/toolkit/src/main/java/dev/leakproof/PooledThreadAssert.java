package dev.leakproof;

import dev.leakproof.internal.Describe;
import dev.leakproof.internal.Gc;
import dev.leakproof.internal.LeakTracer;
import dev.leakproof.internal.WatchedReference;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions that one task on a pooled thread leaves nothing behind for the next task on the same
 * thread: nothing it can see, and nothing kept alive.
 *
 * <pre>{@code
 * assertThatPooledThread()
 *         .afterTask(() -> new Request("alice"), handler::handle)
 *         .showsNothingTo(RequestContext::currentUser)
 *         .retainsNothingFromTheTask();
 * }</pre>
 *
 * <p>Both tasks run on one worker thread that stays alive during the assertions, as a pool's
 * worker would. An exception from the first task is kept, not rethrown: a failing request must
 * clean up as well as a successful one.
 */
public final class PooledThreadAssert extends AbstractAssert<PooledThreadAssert, String> {

    private static final long TASK_TIMEOUT_SECONDS = 30;

    private final ExecutorService worker;
    private WatchedReference input;
    private Throwable thrown;

    PooledThreadAssert(String threadName) {
        super(threadName, PooledThreadAssert.class);
        this.worker = Executors.newSingleThreadExecutor(task -> new Thread(task, threadName));
    }

    /**
     * Runs {@code task} on the worker with an input made by {@code input} there; the input is
     * watched, so {@link #retainsNothingFromTheTask()} can tell whether anything still holds it.
     */
    public <T> PooledThreadAssert afterTask(Supplier<? extends T> input, Consumer<? super T> task) {
        Runnable first = () -> {
            T value = input.get();
            this.input = new WatchedReference(value);
            try {
                task.accept(value);
            } catch (RuntimeException | Error e) {
                thrown = e;
            }
        };
        onWorker(() -> {
            first.run();
            return null;
        });
        return this;
    }

    /** The exception the first task threw, or {@code null}. */
    public Throwable thrown() {
        return thrown;
    }

    /**
     * Verifies that {@code probe}, run as the next task on the same thread, sees nothing: it
     * returns {@code null}, an empty {@link Optional}, or an empty string, collection or map.
     */
    public PooledThreadAssert showsNothingTo(Callable<?> probe) {
        requireTask();
        Object seen = onWorker(probe);
        if (!isNothing(seen)) {
            close();
            throw Failures.leak(info, String.format(
                    "Expected the next task on pooled thread '%s' to see nothing left by the previous task,%n"
                            + "but it saw %s.%s",
                    actual, Describe.object(seen), thrownNote()));
        }
        return this;
    }

    /**
     * Verifies that the first task's input is collectable while the worker thread lives on.
     * Ends the worker afterwards.
     */
    public PooledThreadAssert retainsNothingFromTheTask() {
        requireTask();
        onWorker(() -> null); // a next task has run: state the pool clears between tasks is gone
        try {
            if (Gc.awaitCleared(input) < 0) {
                throw Failures.leak(info, String.format(
                        "Expected %s, the input of a finished task, to be collectable while pooled thread '%s' "
                                + "lives on,%nbut something still holds it.%s%n%s",
                        input.description(), actual, thrownNote(), LeakTracer.explainSafely(input)));
            }
        } finally {
            close();
        }
        return this;
    }

    private void requireTask() {
        if (input == null) {
            throw new IllegalStateException("call afterTask(input, task) before asserting on what it left behind");
        }
    }

    private <V> V onWorker(Callable<V> task) {
        try {
            return worker.submit(task).get(TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            close();
            throw new IllegalStateException("a task on pooled thread '" + actual + "' failed", e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new IllegalStateException("a task on pooled thread '" + actual + "' ran longer than "
                    + TASK_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for pooled thread '" + actual + "'", e);
        }
    }

    private void close() {
        worker.shutdownNow();
    }

    private String thrownNote() {
        return thrown == null ? "" : String.format("%n(The first task threw %s.)", thrown);
    }

    private static boolean isNothing(Object seen) {
        return seen == null
                || seen instanceof Optional && ((Optional<?>) seen).isEmpty()
                || seen instanceof CharSequence && ((CharSequence) seen).length() == 0
                || seen instanceof Collection && ((Collection<?>) seen).isEmpty()
                || seen instanceof Map && ((Map<?, ?>) seen).isEmpty();
    }
}
