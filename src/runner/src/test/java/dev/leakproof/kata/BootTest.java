package dev.leakproof.kata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the launcher rebuilds: the rule that {@code kata} and {@code kata.cmd} share, in the jar's {@link Boot}. */
@DisplayName("The runner's jar")
class BootTest {

    private static final Instant BUILT = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path root;

    private Path jar;

    @BeforeEach
    void aBuiltWorkbook() throws IOException {
        for (String file : new String[] {"pom.xml", "src/toolkit/pom.xml", "src/toolkit/src/main/java/Leak.java",
                "src/check/src/main/java/Check.java", "src/runner/src/main/resources/kata.properties",
                "src/runner/src/test/java/KataTest.java", "lessons/01-x/src/main/java/History.java", "README.md"}) {
            write(file, BUILT.minusSeconds(60));
        }
        jar = write("src/runner/target/leakproof-runner.jar", BUILT);
    }

    @Test
    @DisplayName("starts as it is when none of the workbook's own code is newer than it")
    void upToDate() {
        assertThat(Boot.newerThan(jar, root)).isEmpty();
    }

    @Test
    @DisplayName("rebuilds when a pom or a main source of the toolkit, the check or the runner is newer")
    void stale() throws IOException {
        for (String file : new String[] {"pom.xml", "src/toolkit/pom.xml", "src/toolkit/src/main/java/Leak.java",
                "src/check/src/main/java/Check.java", "src/runner/src/main/resources/kata.properties"}) {
            Path changed = write(file, BUILT.plusSeconds(1));

            assertThat(Boot.newerThan(jar, root)).as(file).contains(changed);
            write(file, BUILT.minusSeconds(60));
        }
    }

    @Test
    @DisplayName("does not rebuild for the learner's lessons, the runner's tests or the texts")
    void notForLessonsTestsOrTexts() throws IOException {
        for (String file : new String[] {"lessons/01-x/src/main/java/History.java", "src/runner/src/test/java/KataTest.java",
                "README.md", "lessons/01-x/src/main/java/New.java"}) {
            write(file, BUILT.plusSeconds(1));
        }

        assertThat(Boot.newerThan(jar, root)).isEmpty();
    }

    private Path write(String name, Instant modified) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, name);
        }
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
