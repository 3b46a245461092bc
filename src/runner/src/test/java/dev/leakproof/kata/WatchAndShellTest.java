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
                    "Watching lessons/01-sound/src (" + (poll ? "polling" : "file events") + ")", WatchCommand.KEYS);

            session.press('h');
            session.press('n');
            Verdict third = verdicts.poll(120, TimeUnit.SECONDS);
            assertThat(third.kind()).isEqualTo(Verdict.Kind.GREEN);
            assertThat(out.toString()).contains("## Hint 1", "02-already-solved: A lesson whose wrong code is already fixed");
            session.press('q');
            loop.join(10_000);
            assertThat(loop.isAlive()).isFalse();
            assertThat(out.toString()).contains("Bye.");
        } finally {
            session.close();
        }
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
