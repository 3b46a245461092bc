package dev.leakproof.kata;

import dev.leakproof.check.Lesson;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Watch mode, what {@code ./kata} does without a command: runs the current lesson on every save of
 * its files and shows the verdict, the leak's explanation and the progress; single keys for the rest.
 */
@Command(name = "watch", description = "A lesson in watch mode (what `kata` alone does): re-run on every save.")
final class WatchCommand implements Callable<Integer> {

    static final String KEYS = "keys: [n]ext lesson  [h]int  [r]eset  [u]ndo reset  [l]ist  [s]olution  [enter] re-run  [q]uit";

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "LESSON", arity = "0..1", description = "The lesson (default: the current one).")
    String lesson;

    @Option(names = "--poll", description = "Poll the files for changes instead of the file system's events.")
    boolean poll;

    @Override
    public Integer call() {
        return watch(main, lesson);
    }

    int watch(Main main, String lessonName) {
        Kata kata = main.kata();
        Lesson start = lessonName == null ? kata.current() : kata.lesson(lessonName);
        boolean terminal = System.console() != null;
        try (Session session = new Session(kata, start, poll, verdict -> { })) {
            return session.loop(System.in, terminal);
        }
    }

    /** One watch-mode session: its lesson, its warm runner, its watcher and its event queue. */
    static final class Session implements AutoCloseable {
        private static final int CHANGED = -2;

        private final Kata kata;
        private final boolean poll;
        private final Consumer<Verdict> onVerdict;
        private final BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
        private final LessonRunner runner;
        private Lesson lesson;
        private SourceWatcher watcher;
        private Verdict last;

        Session(Kata kata, Lesson lesson, boolean poll, Consumer<Verdict> onVerdict) {
            this.kata = kata;
            this.poll = poll;
            this.onVerdict = onVerdict;
            this.runner = new LessonRunner(kata.testRunner(), true);
            switchTo(lesson);
        }

        private void switchTo(Lesson next) {
            if (watcher != null) {
                watcher.close();
            }
            lesson = next;
            kata.progress().setCurrent(lesson.id());
            watcher = SourceWatcher.start(lesson.dir().resolve("src"), poll, () -> events.add(CHANGED));
        }

        /** Runs until the learner quits or the input ends; the exit code. */
        int loop(InputStream in, boolean terminal) {
            try (Keys keys = Keys.open(in, terminal, events::add)) {
                runAndShow();
                while (true) {
                    int event = events.take();
                    if (event == CHANGED) {
                        // a save often comes as several events: wait for the burst to end
                        while (events.poll(60, TimeUnit.MILLISECONDS) != null) {
                            // drained
                        }
                        runAndShow();
                        continue;
                    }
                    if (!handleKey(event)) {
                        kata.out().println("Bye. Your progress is saved; `./kata` takes you back here.");
                        kata.out().flush();
                        return 0;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        }

        /** Handles a key; false to quit. */
        private boolean handleKey(int key) {
            PrintWriter out = kata.out();
            switch (Character.toLowerCase((char) key)) {
                case 'q':
                case (char) 3: // ctrl-C in raw mode
                case (char) 4: // ctrl-D
                    return false;
                case 'n':
                    Optional<Lesson> next = kata.next(lesson);
                    if (next.isEmpty()) {
                        out.println(kata.style().green("Every lesson is green. Well done!"));
                    } else {
                        switchTo(next.get());
                        runAndShow();
                    }
                    break;
                case 'h':
                    out.println();
                    out.print(Main.nextHint(kata, lesson));
                    break;
                case 'r':
                    out.println(Main.reset(kata, lesson, false));
                    break;
                case 'u':
                    try {
                        out.println(Main.reset(kata, lesson, true));
                    } catch (Kata.Stop e) {
                        out.println(e.getMessage());
                    }
                    break;
                case 'l':
                    out.println();
                    Main.run(new String[] {"list"}, out, kata.err(), kata.style());
                    break;
                case 's':
                    out.println();
                    out.print(Main.solution(kata, lesson));
                    break;
                case '\n':
                case '\r':
                case ' ':
                    runAndShow();
                    break;
                default:
                    if (key == Keys.END) {
                        return false;
                    }
                    out.println(KEYS);
            }
            out.flush();
            return true;
        }

        /** Runs the lesson now and shows the screen; the verdict. */
        Verdict runAndShow() {
            PrintWriter out = kata.out();
            Style style = kata.style();
            header(out, style);
            if (!style.ansi()) {
                out.println("Running…");
            }
            LiveProgress live = LiveProgress.on(out, style, true);
            try {
                last = kata.runAndRecord(runner, lesson, live);
            } catch (RuntimeException e) {
                live.end();
                out.println(style.red("The runner could not run the lesson: " + e.getMessage()));
                out.flush();
                return null;
            }
            live.end();
            if (style.ansi()) {
                header(out, style); // the tests' lines as they ended give way to the verdict
            }
            out.print(Report.verdict(lesson, last, style, kata.testJvmOptions("")));
            if (last.green()) {
                out.println();
                String why = Texts.solutionSections(lesson, List.of("The correct way", "Why", "Rule to remember"));
                out.println(why.isEmpty() ? "" : why);
                out.println();
                out.println(style.green(kata.next(lesson).map(l -> "Press n for the next lesson: " + l.id() + ".")
                        .orElse("Every lesson is green. Well done!")) + " (s shows the reference solution.)");
            }
            out.println();
            out.println(style.dim("Watching " + kata.relative(lesson.dir().resolve("src")) + " (" + watcher.how()
                    + "): save a file to run again."));
            out.println(style.dim(KEYS));
            out.flush();
            onVerdict.accept(last);
            return last;
        }

        private void header(PrintWriter out, Style style) {
            out.print(style.clear());
            out.println(style.bold("kata") + "  " + style.bold(lesson.id()) + ": " + lesson.title()
                    + style.dim("  (" + lesson.chapter() + ")"));
            out.println(kata.progressLine());
            out.flush();
        }

        /** Feeds a key as if pressed (for tests and the benchmark). */
        void press(int key) {
            events.add(key);
        }

        Lesson lesson() {
            return lesson;
        }

        @Override
        public void close() {
            if (watcher != null) {
                watcher.close();
            }
            runner.close();
        }
    }
}
