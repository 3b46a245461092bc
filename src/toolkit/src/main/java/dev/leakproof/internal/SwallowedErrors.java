package dev.leakproof.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Prints the errors the JDK's HTTP server swallows. It catches an {@link Error} thrown by a handler
 * (an {@code OutOfMemoryError} for direct memory, say), logs it at a level nobody sees and closes the
 * connection: the client sees only a connection closed before any answer. A forked JVM prints them,
 * so that its output says why a request failed.
 */
final class SwallowedErrors {

    /** The JDK server's logger, held here: the log manager holds loggers weakly, and would drop its configuration. */
    private static final Logger HTTP_SERVER = Logger.getLogger("com.sun.net.httpserver");

    private SwallowedErrors() {
    }

    static void print() {
        HTTP_SERVER.setLevel(Level.ALL);
        HTTP_SERVER.addHandler(new Handler() {
            private final Set<Throwable> printed = Collections.newSetFromMap(new IdentityHashMap<>());

            @Override
            public synchronized void publish(LogRecord record) {
                Throwable thrown = record.getThrown();
                if (thrown instanceof Error && printed.add(thrown)) {
                    System.out.println("The server's handler failed: " + thrown);
                    StackTraceElement[] stack = thrown.getStackTrace();
                    for (int i = 0; i < Math.min(stack.length, 12); i++) {
                        System.out.println("\tat " + stack[i]);
                    }
                }
            }

            @Override
            public void flush() {
                System.out.flush();
            }

            @Override
            public void close() {
            }
        });
    }
}
