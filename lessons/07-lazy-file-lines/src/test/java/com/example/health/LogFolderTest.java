package com.example.health;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.assertThatRunning;
import static dev.leakproof.LeakAssertions.openFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The log folder behind the health check")
class LogFolderTest {

    /** The monitoring system polls every fifteen seconds: this is fifty minutes of it. */
    private static final int HEALTH_CHECKS = 200;
    /**
     * Room for a descriptor or two the JVM may open for itself while the checks run. A check that
     * leaves even one file open adds {@value #HEALTH_CHECKS} over the run.
     */
    private static final int JVMS_OWN_FILES = 10;

    @TempDir
    Path serverDisk;

    private Path folder;
    private LogFolder logs;

    @BeforeEach
    void theGatewayHasLogged() throws IOException {
        folder = Files.createDirectory(serverDisk.resolve("gateway-logs"));
        Files.write(folder.resolve("gateway.log"), List.of(
                "2026-05-16T09:00:01Z INFO  payment accepted order=A-1001",
                "2026-05-16T09:00:02Z ERROR card declined by issuer order=A-1002",
                "2026-05-16T09:00:05Z WARN  slow response from acquirer",
                "2026-05-16T09:01:10Z ERROR timeout talking to acquirer order=A-1003"));
        Files.write(folder.resolve("gateway-2026-05-15.log"), List.of(
                "2026-05-15T22:14:40Z INFO  payment accepted order=A-0997",
                "2026-05-15T23:59:58Z ERROR acquirer refused the connection"));
        Files.write(folder.resolve("gateway-2026-05-01.log.gz"), List.of("ERROR compressed, never read"));
        Files.write(folder.resolve("README.txt"), List.of("ERROR lines are counted by the health check"));
        logs = new LogFolder(folder);
    }

    @ContractTest
    @DisplayName("lists the log files by name, leaving out compressed archives and other files")
    void listsTheLogFiles() throws IOException {
        assertThat(logs.logFiles()).as("the log files of the folder, by name").containsExactly(
                folder.resolve("gateway-2026-05-15.log"),
                folder.resolve("gateway.log"));
    }

    @ContractTest
    @DisplayName("counts the lines that contain the text, across every log file")
    void countsMatchingLines() throws IOException {
        assertThat(logs.countLinesContaining("ERROR")).as("the lines that contain ERROR").isEqualTo(3);
        assertThat(logs.countLinesContaining("order=A-100")).as("the lines that contain order=A-100").isEqualTo(3);
        assertThat(logs.countLinesContaining("FATAL")).as("the lines that contain FATAL").isZero();
    }

    @ContractTest
    @DisplayName("counts a line logged since the last count")
    void readsTheLogsAfresh() throws IOException {
        logs.countLinesContaining("ERROR");
        Files.write(folder.resolve("gateway.log"), List.of("2026-05-16T09:02:00Z ERROR issuer unavailable"),
                StandardOpenOption.APPEND);

        assertThat(logs.countLinesContaining("ERROR")).as("the lines that contain ERROR, after one more was logged")
                .isEqualTo(4);
    }

    @ContractTest
    @DisplayName("counts nothing in a folder without log files, and reports a folder that is not there")
    void handlesEmptyAndMissingFolders() throws IOException {
        Path empty = Files.createDirectory(serverDisk.resolve("empty-logs"));

        assertThat(new LogFolder(empty).countLinesContaining("ERROR"))
                .as("the lines that contain ERROR in a folder without log files").isZero();
        assertThatThrownBy(() -> new LogFolder(serverDisk.resolve("no-such-logs")).countLinesContaining("ERROR"))
                .as("counting in a folder that is not there")
                .isInstanceOf(NoSuchFileException.class);
    }

    /**
     * Runs first: streams that other tests abandoned (on code that leaks) are closed by the
     * collector's cleanup thread at a moment of its choosing, and one closed while this test
     * counts descriptors would hide one that the count leaves open.
     */
    @LeakTest
    @DisplayName("closes the folder and every log file it read, once a count is done")
    void closesWhatACountOpens() {
        assertThatRunning(() -> logs.countLinesContaining("ERROR")).leavesNoOpenFiles();
    }

    @LeakTest
    @DisplayName("keeps the number of open files flat, however often the health check counts")
    void keepsOpenFilesFlat() {
        assertThat(openFiles())
                .whileRepeating(HEALTH_CHECKS, i -> countErrors())
                .growsByAtMost(JVMS_OWN_FILES);
    }

    /** What the health endpoint does on every poll. */
    private long countErrors() {
        try {
            return logs.countLinesContaining("ERROR");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
