package dev.leakproof.kata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch mode (on file events and by polling) and the JShell of {@code kata shell}, on the fixture workbook. */
@DisplayName("The kata runner's watch mode and shell")
class WatchAndShellTest {

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();

    @BeforeEach
    void copyFixtures() throws IOException {
        Backups.copy(KataTest.FIXTURES.resolve("lessons"), root.resolve("lessons"));
        Backups.copy(KataTest.FIXTURES.resolve("solutions"), root.resolve("solutions"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        System.setProperty("kata.root", root.toString());
        System.setProperty("kata.classpath", System.getProperty("java.class.path"));
    }

    /** Runs a watch session's loop on a thread of its own, with a keyboard that never types: tests press its keys. */
    static Thread startWithoutKeys(WatchCommand.Session session) {
        Thread loop = new Thread(() -> session.loop(new java.io.InputStream() {
            @Override
            public int read() {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        }, false));
        loop.setDaemon(true);
        loop.start();
        return loop;
    }

    private Kata kata() {
        return Kata.fromEnvironment(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), new Style(false));
    }

    @ParameterizedTest(name = "polling: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("re-runs the lesson on every save, shows the why when green, and takes single keys")
    void watch(boolean poll) throws Exception {
        Kata kata = kata();
        BlockingQueue<Verdict> verdicts = new LinkedBlockingQueue<>();
        var session = new WatchCommand.Session(kata, kata.lesson("01-sound"), poll, verdicts::add);
        Thread loop = startWithoutKeys(session);
        try {
            Verdict first = verdicts.poll(120, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.kind()).isEqualTo(Verdict.Kind.RED);
            Thread.sleep(500); // let the watcher settle before the save

            Files.copy(root.resolve("solutions/01-sound").resolve(KataTest.HISTORY), root.resolve("lessons/01-sound").resolve(KataTest.HISTORY),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Verdict second = verdicts.poll(120, TimeUnit.SECONDS);
            assertThat(second).as(out.toString()).isNotNull();
            assertThat(second.kind()).isEqualTo(Verdict.Kind.GREEN);
            assertThat(out.toString()).contains("Red: 1 of 2 tests", "Green: all 2 tests of 01-sound pass.",
                    "## The correct way", "## Rule to remember", "Press n for the next lesson: 02-already-solved.",
                    "Watching lessons/01-sound (" + (poll ? "polling" : "file events") + ")", WatchCommand.KEYS);
            String screen = out.toString();
            assertThat(screen.indexOf("Green: all 2 tests")).as("the green verdict comes after the why, at the foot of the screen")
                    .isGreaterThan(screen.lastIndexOf("## Rule to remember"));

            session.press('h');
            session.press('n');
            Verdict third = verdicts.poll(120, TimeUnit.SECONDS);
            assertThat(third.kind()).isEqualTo(Verdict.Kind.GREEN);
            assertThat(out.toString()).contains("## Hint 1", "the next one: press h",
                    "02-already-solved: A lesson whose wrong code is already fixed");
            session.press('q');
            loop.join(10_000);
            assertThat(loop.isAlive()).isFalse();
            assertThat(out.toString()).contains("Bye.");
        } finally {
            session.close();
        }
    }

    @Test
    @DisplayName("after a reset, an undo, or a reset from another terminal, re-runs and still sees every save")
    void watchAfterReset() throws Exception {
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=kata", "-c", "user.email=kata@example.com", "commit", "-q", "-m", "fixtures");
        Kata kata = kata();
        BlockingQueue<Verdict> verdicts = new LinkedBlockingQueue<>();
        var session = new WatchCommand.Session(kata, kata.lesson("01-sound"), false, verdicts::add);
        Thread loop = startWithoutKeys(session);
        try {
            assertThat(next(verdicts).kind()).isEqualTo(Verdict.Kind.RED);
            solve();
            assertThat(next(verdicts).kind()).isEqualTo(Verdict.Kind.GREEN);

            session.press('r');
            assertThat(next(verdicts).kind()).as("re-run after r").isEqualTo(Verdict.Kind.RED);
            assertThat(out.toString()).contains("Reset 01-sound to its original code.");
            session.press('u');
            assertThat(next(verdicts).kind()).as("re-run after u").isEqualTo(Verdict.Kind.GREEN);

            StringWriter other = new StringWriter(); // another terminal
            int reset = Main.run(new String[] {"reset", "01-sound"}, new PrintWriter(other, true), new PrintWriter(other, true),
                    new Style(false));
            assertThat(reset).as(other.toString()).isZero();
            assertThat(next(verdicts).kind()).as("the reset's new files are seen").isEqualTo(Verdict.Kind.RED);
            Thread.sleep(500);
            Files.writeString(root.resolve("lessons/01-sound").resolve(KataTest.HISTORY), "class Broken {");
            assertThat(next(verdicts).kind()).as("a save after the reset is seen").isEqualTo(Verdict.Kind.COMPILE_ERROR);
            solve();
            assertThat(next(verdicts).kind()).isEqualTo(Verdict.Kind.GREEN);
        } finally {
            session.press('q');
            loop.join(30_000);
            session.close();
        }
    }

    @Test
    @DisplayName("an endless loop: a save ends the hung test JVM at once and runs the fix, and q quits at once")
    void endlessLoopStoppedBySaveAndQuit() throws Exception {
        Kata kata = kata();
        kata.perTestTimeout(java.time.Duration.ofMinutes(10)); // nothing here may wait for the time-out
        BlockingQueue<Verdict> verdicts = new LinkedBlockingQueue<>();
        Path history = root.resolve("lessons/08-endless-loop").resolve(KataTest.HISTORY);
        String looping = Files.readString(history);
        var session = new WatchCommand.Session(kata, kata.lesson("08-endless-loop"), false, verdicts::add);
        Thread loop = startWithoutKeys(session);
        try {
            Thread.sleep(3_000); // the tests hang in the class's set-up by now
            Files.copy(root.resolve("solutions/08-endless-loop").resolve(KataTest.HISTORY), history,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Verdict fixed = verdicts.poll(3, TimeUnit.MINUTES);
            assertThat(fixed).as("a verdict well before the 10-minute time-out").isNotNull();
            assertThat(fixed.kind()).isEqualTo(Verdict.Kind.GREEN);

            Files.writeString(history, looping);
            Thread.sleep(3_000); // hung again
            session.press('q');
            loop.join(TimeUnit.MINUTES.toMillis(3));
            assertThat(loop.isAlive()).as("q ended the session without waiting for the time-out").isFalse();
            assertThat(out.toString()).contains("Bye.");
        } finally {
            session.close();
        }
    }

    @Test
    @DisplayName("g then a lesson's number or name goes to that lesson; a wrong one says why and stays")
    void goToLesson() throws Exception {
        Kata kata = kata();
        BlockingQueue<Verdict> verdicts = new LinkedBlockingQueue<>();
        var session = new WatchCommand.Session(kata, kata.lesson("01-sound"), false, verdicts::add);
        Thread loop = startWithoutKeys(session);
        try {
            next(verdicts);
            for (char key : "g99\n".toCharArray()) {
                session.press(key);
            }
            for (char key : "g9\n".toCharArray()) {
                session.press(key);
            }
            next(verdicts);
            assertThat(session.lesson().id()).isEqualTo("09-incomplete");
            assertThat(out.toString()).contains("there is no lesson 99: the lessons are numbered 1 to 17",
                    "09-incomplete: ");
        } finally {
            session.press('q');
            loop.join(30_000);
            session.close();
        }
    }

    private static Verdict next(BlockingQueue<Verdict> verdicts) throws InterruptedException {
        Verdict verdict = verdicts.poll(3, TimeUnit.MINUTES);
        assertThat(verdict).as("a verdict").isNotNull();
        return verdict;
    }

    private void solve() throws IOException, InterruptedException {
        Thread.sleep(500); // let the watcher settle before the save
        Files.copy(root.resolve("solutions/01-sound").resolve(KataTest.HISTORY), root.resolve("lessons/01-sound").resolve(KataTest.HISTORY),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as(output).isZero();
    }

    @Test
    @DisplayName("shell: JShell with the lesson's classes, the toolkit and the helpers, explore.jsh loaded")
    void shell() throws Exception {
        Kata kata = kata();
        List<String> command = ShellCommand.command(kata, kata.lesson("01-sound"));
        Process jshell = new ProcessBuilder(command).directory(root.resolve("lessons/01-sound").toFile())
                .redirectErrorStream(true).start();
        try (var input = jshell.getOutputStream()) {
            input.write(("var h = new com.example.fixture.History(3);\n"
                    + "for (int i = 0; i < 500; i++) h.add(\"e\" + i);\n"
                    + "System.out.println(\"kept=\" + h.kept());\n"
                    + "gc();\n"
                    + "System.out.println(\"heap>0=\" + (heap() > 0));\n"
                    + "System.out.println(\"strings>=500=\" + (count(String.class) >= 500));\n"
                    + "/exit\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(jshell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jshell.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("kept=500", "heap>0=true", "strings>=500=true");
        List<String> scripts = new ArrayList<>(command);
        assertThat(scripts.get(scripts.size() - 1)).endsWith("01-sound-explore.jsh");
        assertThat(Files.readAllLines(Path.of(scripts.get(scripts.size() - 1))).stream().collect(Collectors.joining("\n")))
                .doesNotContain("/exit");
    }
}
