package dev.leakproof.kata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;

/**
 * Single keys from the learner: raw key presses on a terminal (JLine), or, when the input is not a
 * terminal (a pipe, a test), the first letter of each line (and, after a {@code g}, the lesson
 * typed on the same line).
 */
abstract class Keys implements AutoCloseable {

    /** The end of input: the learner closed it, or it was never there. */
    static final int END = -1;

    static Keys open(InputStream in, boolean terminal, IntConsumer onKey) {
        if (terminal) {
            try {
                return new Raw(onKey);
            } catch (IOException | RuntimeException e) {
                // fall back to lines
            }
        }
        return new Lines(in, onKey);
    }

    /** The terminal's width in columns, or 0 when the keys do not come from a terminal (nothing to wrap to). */
    int width() {
        return 0;
    }

    @Override
    public abstract void close();

    private static final class Raw extends Keys {
        private final Terminal terminal;
        private final Attributes saved;
        private final Thread thread;

        Raw(IntConsumer onKey) throws IOException {
            terminal = TerminalBuilder.builder().system(true).jansi(false).build();
            if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                terminal.close();
                throw new IOException("a dumb terminal");
            }
            saved = terminal.enterRawMode();
            NonBlockingReader reader = terminal.reader();
            thread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        int c = reader.read(200);
                        if (c == NonBlockingReader.READ_EXPIRED) {
                            continue;
                        }
                        onKey.accept(c < 0 ? END : c);
                        if (c < 0) {
                            return;
                        }
                    }
                } catch (IOException e) {
                    onKey.accept(END);
                }
            }, "kata-keys");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        int width() {
            int width = terminal.getWidth();
            return width > 20 ? width : 80;
        }

        @Override
        public void close() {
            thread.interrupt();
            terminal.setAttributes(saved);
            try {
                terminal.close();
            } catch (IOException e) {
                // the terminal is gone already
            }
        }
    }

    private static final class Lines extends Keys {
        Lines(InputStream in, IntConsumer onKey) {
            Thread thread = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        String typed = line.strip();
                        onKey.accept(typed.isEmpty() ? '\n' : typed.charAt(0));
                        if (typed.length() > 1 && Character.toLowerCase(typed.charAt(0)) == 'g') {
                            // "g 4": go to lesson 4, the lesson typed on the same line
                            typed.substring(1).strip().chars().forEach(onKey::accept);
                            onKey.accept('\n');
                        }
                    }
                } catch (IOException e) {
                    // input closed
                }
                onKey.accept(END);
            }, "kata-lines");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            // a daemon thread blocked on input: it ends with the JVM
        }
    }
}
