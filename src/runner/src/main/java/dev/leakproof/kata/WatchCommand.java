package dev.leakproof.kata;

import dev.leakproof.check.Lesson;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
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

    static final String KEYS = "keys: [n]ext lesson  [g]o to lesson  [h]int  [r]eset  [u]ndo reset  [l]ist  [s]olution  [enter] re-run  [q]uit";

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

    /**
     * One watch-mode session: its lesson, its warm runner, its watcher and its event queue. The loop
     * thread takes keys and saves; each verdict runs on a thread of its own, so that a save, a reset
     * or {@code q} during a run (an endless loop, say) ends the run's test JVM at once.
     */
    static final class Session implements AutoCloseable {
        private static final int CHANGED = -2;
        private static final int RUN_ENDED = -3;

        private final Kata kata;
        private final boolean poll;
        private final Consumer<Verdict> onVerdict;
        private final BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
        private final LessonRunner runner;
        private final List<Integer> deferred = new ArrayList<>();
        private Lesson lesson;
        private SourceWatcher watcher;
        private Verdict last;
        private Thread running;
        private volatile boolean showing; // a run is under way and its verdict is not on screen yet
        private Map<Path, String> runFiles = Map.of(); // the lesson's files as the latest run started
        private volatile String notice = ""; // what a reset or an undo said, shown above the next verdict
        private StringBuilder goingTo; // while the learner types the lesson to go to, after g

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
            // The lesson's folder, not only src/: a reset replaces src/ whole, and its watch would end with it.
            watcher = SourceWatcher.start(lesson.dir(), poll, () -> events.add(CHANGED));
        }

        /** Runs until the learner quits or the input ends; the exit code. */
        int loop(InputStream in, boolean terminal) {
            try (Keys keys = Keys.open(in, terminal, events::add)) {
                kata.style().width(keys.width());
                startRun();
                while (true) {
                    int event = events.take();
                    if (event == CHANGED) {
                        // a save often comes as several events: wait for the burst to end
                        while (events.poll(60, TimeUnit.MILLISECONDS) != null) {
                            // drained (a key pressed in this burst is lost: a save is what the learner did last)
                        }
                        // Late events of what the last run already saw (a reset's own files) start nothing.
                        if (!SourceWatcher.snapshot(lesson.dir()).equals(runFiles)) {
                            startRun();
                        }
                    } else if (event == RUN_ENDED) {
                        if (!busy()) {
                            List<Integer> keysPressed = new ArrayList<>(deferred);
                            deferred.clear();
                            for (int key : keysPressed) {
                                if (!handleKey(key)) {
                                    return bye();
                                }
                            }
                        }
                    } else if (!handleKey(event)) {
                        return bye();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            } finally {
                stopRun();
            }
        }

        private int bye() {
            stopRun();
            kata.out().println("Bye. Your progress is saved; `./kata` takes you back here.");
            kata.out().flush();
            return 0;
        }

        /** Handles a key; false to quit. */
        private boolean handleKey(int key) {
            PrintWriter out = kata.out();
            if (goingTo != null) {
                typeLesson(key);
                return true;
            }
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
                        stopRun();
                        switchTo(next.get());
                        startRun();
                    }
                    break;
                case 'g':
                    goingTo = new StringBuilder();
                    out.print("\nGo to lesson (its number or name, then Enter; Esc to stay): ");
                    break;
                case 'r':
                case 'u':
                    stopRun();
                    try {
                        notice = Character.toLowerCase((char) key) == 'r' ? Main.reset(kata, lesson, false)
                                : Main.undo(kata, lesson);
                    } catch (Kata.Stop e) {
                        notice = e.getMessage();
                    }
                    events.add(CHANGED); // run the code now in place, after the reset's own file events
                    break;
                case '\n':
                case '\r':
                case ' ':
                    startRun();
                    break;
                default:
                    if (key == Keys.END) {
                        return false;
                    }
                    if (busy()) {
                        deferred.add(key); // after the verdict, so that it does not break into the run's lines
                        break;
                    }
                    showKey(key, out);
            }
            out.flush();
            return true;
        }

        /** Keys that show something and leave the run alone. */
        private void showKey(int key, PrintWriter out) {
            switch (Character.toLowerCase((char) key)) {
                case 'h':
                    out.println();
                    out.print(kata.style().wrap(Main.nextHint(kata, lesson, "press h")));
                    break;
                case 'l':
                    out.println();
                    Main.run(new String[] {"list"}, out, kata.err(), kata.style());
                    break;
                case 's':
                    out.println();
                    String hidden = kata.solutionsHidden();
                    out.print(hidden.isEmpty() ? kata.style().wrap(Main.solution(kata, lesson))
                            : "The reference solutions are hidden in this workshop (" + hidden + "): ask your instructor.\n");
                    break;
                default:
                    out.println(KEYS);
            }
        }

        /** A key typed after g: builds the lesson's name; Enter goes there, Esc stays. */
        private void typeLesson(int key) {
            PrintWriter out = kata.out();
            if (key == '\n' || key == '\r') {
                String typed = goingTo.toString().strip();
                goingTo = null;
                out.println();
                if (typed.isEmpty()) {
                    return;
                }
                try {
                    Lesson chosen = kata.lesson(typed);
                    stopRun();
                    switchTo(chosen);
                    startRun();
                } catch (Kata.Stop e) {
                    out.println(e.getMessage());
                }
            } else if (key == 27 || key == Keys.END || key == 3) { // Esc, end of input, ctrl-C
                goingTo = null;
                out.println();
            } else if (key == 127 || key == 8) { // backspace
                if (goingTo.length() > 0) {
                    goingTo.setLength(goingTo.length() - 1);
                    out.print("\b \b");
                }
            } else if (key >= ' ') {
                goingTo.append((char) key);
                out.print((char) key);
            }
            out.flush();
        }

        /** Whether a run is under way whose verdict is not on screen yet. */
        private boolean busy() {
            return showing && running != null && running.isAlive();
        }

        /** Starts a verdict on a thread of its own, ending the one still running. */
        private void startRun() {
            stopRun();
            runFiles = SourceWatcher.snapshot(lesson.dir());
            showing = true;
            running = new Thread(() -> {
                try {
                    runAndShow();
                } finally {
                    showing = false;
                    events.add(RUN_ENDED);
                }
            }, "kata-run");
            running.setDaemon(true);
            running.start();
        }

        /** Ends the run still going, if any: its test JVM is stopped at once, and its verdict dropped. */
        private void stopRun() {
            Thread run = running;
            if (run == null) {
                return;
            }
            run.interrupt();
            try {
                run.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running = null;
        }

        /** Runs the lesson now and shows the screen; the verdict, or null when it was stopped or failed. */
        Verdict runAndShow() {
            PrintWriter out = kata.out();
            Style style = kata.style();
            header(out, style);
            if (!style.ansi()) {
                out.println("Running…");
            }
            LiveProgress live = LiveProgress.on(out, style, true);
            Verdict verdict;
            try {
                verdict = kata.runAndRecord(runner, lesson, live);
            } catch (RuntimeException e) {
                live.end();
                if (!Thread.currentThread().isInterrupted()) {
                    out.println(style.red("The runner could not run the lesson: " + e.getMessage()));
                }
                out.flush();
                return null;
            }
            live.end();
            if (Thread.currentThread().isInterrupted()) {
                return null; // stopped for a newer save, a key or the end: that run's screen follows
            }
            last = verdict;
            StringBuilder screen = new StringBuilder();
            String report = Report.verdict(lesson, last, style, kata.testJvmOptions(""));
            if (last.green()) {
                // The why first and the verdict last, so that the green line stays on a short screen.
                String why = Texts.solutionSections(lesson, List.of("The correct way", "Why", "Rule to remember"));
                if (!why.isEmpty()) {
                    screen.append(why).append("\n\n");
                }
                screen.append(report).append('\n');
                screen.append(style.green(kata.next(lesson).map(l -> "Press n for the next lesson: " + l.id() + ".")
                        .orElse("Every lesson is green. Well done!")));
                screen.append(kata.solutionsHidden().isEmpty() ? " (s shows the reference solution.)" : "").append('\n');
            } else {
                screen.append(report);
            }
            if (style.ansi()) {
                header(out, style); // the tests' lines as they ended give way to the verdict
            }
            out.print(style.wrap(screen.toString()));
            out.println();
            out.println(style.wrap(style.dim("Watching " + kata.relative(lesson.dir()) + " (" + watcher.how()
                    + "): save a file to run again.")));
            out.println(style.wrap(style.dim(KEYS)));
            out.flush();
            notice = "";
            showing = false; // the verdict is on screen: keys pressed from now on are answered at once
            onVerdict.accept(last);
            return last;
        }

        private void header(PrintWriter out, Style style) {
            out.print(style.clear());
            out.println(style.bold("kata") + "  " + style.bold(lesson.id()) + ": " + lesson.title()
                    + style.dim("  (" + lesson.chapter() + ")"));
            out.println(kata.progressLine());
            if (!notice.isEmpty()) {
                out.println(style.wrap(style.yellow(notice)));
            }
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
            stopRun();
            if (watcher != null) {
                watcher.close();
            }
            runner.close();
        }
    }
}
