package dev.leakproof;

import static dev.leakproof.LeakAssertions.assertThatPooledThread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("assertThatPooledThread()")
class PooledThreadAssertTest {

    /** Request-scoped state kept in a ThreadLocal, the way many frameworks do it. */
    static final class RequestContext {
        private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();

        static Request current() {
            return CURRENT.get();
        }

        static void handleLeaky(Request request) {
            CURRENT.set(request);
            if (request.fail()) {
                throw new IllegalStateException("handler failed for " + request.user());
            }
        }

        static void handleClean(Request request) {
            CURRENT.set(request);
            try {
                if (request.fail()) {
                    throw new IllegalStateException("handler failed for " + request.user());
                }
            } finally {
                CURRENT.remove();
            }
        }
    }

    record Request(String user, boolean fail) {
    }

    @Test
    @DisplayName("passes when the task removes its ThreadLocal state, even when it throws")
    void passesForCleanTasks() {
        assertThatPooledThread()
                .afterTask(() -> new Request("alice", false), RequestContext::handleClean)
                .showsNothingTo(RequestContext::current)
                .retainsNothingFromTheTask();

        PooledThreadAssert failing = assertThatPooledThread()
                .afterTask(() -> new Request("bob", true), RequestContext::handleClean);
        failing.showsNothingTo(RequestContext::current).retainsNothingFromTheTask();
        assertThat(failing.thrown()).hasMessage("handler failed for bob");
    }

    @Test
    @DisplayName("fails when the next task on the thread sees the previous task's state")
    void failsWhenStateIsVisible() {
        assertThatThrownBy(() -> assertThatPooledThread()
                .afterTask(() -> new Request("alice", false), RequestContext::handleLeaky)
                .showsNothingTo(RequestContext::current))
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("pooled thread 'leakproof-pooled-worker'")
                .hasMessageContaining("Request[user=alice, fail=false]");
    }

    @Test
    @DisplayName("fails when the thread still holds the previous task's input, naming the exception it threw")
    void failsWhenStateIsRetained() {
        assertThatThrownBy(() -> assertThatPooledThread()
                .afterTask(() -> new Request("carol", true), RequestContext::handleLeaky)
                .retainsNothingFromTheTask())
                .isInstanceOf(LeakAssertionError.class)
                .hasMessageContaining("Request[user=carol, fail=true]")
                .hasMessageContaining("to be collectable while pooled thread 'leakproof-pooled-worker' lives on")
                .hasMessageContaining("handler failed for carol");
    }

    @Test
    @DisplayName("asks for a task before asserting on what it left")
    void needsATask() {
        assertThatThrownBy(() -> assertThatPooledThread().showsNothingTo(() -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("afterTask");
    }
}
