package com.example.health;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.assertThatRunning;
import static dev.leakproof.LeakAssertions.openFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import dev.leakproof.LeftoversAssert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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

    /**
     * The gateway's log of May 14th, one of whose lines holds a card holder's name as the acquirer
     * sent it, in Latin-1: a byte that is not UTF-8. Reading this file fails, and the count with it.
     */
    private Path logWithALatin1Line() throws IOException {
        Path file = folder.resolve("gateway-2026-05-14.log");
        Files.write(file, List.of(
                "2026-05-14T10:00:00Z INFO  payment accepted order=A-0990",
                "2026-05-14T10:00:07Z ERROR card declined by issuer order=A-0991"));
        Files.write(file, "2026-05-14T10:01:00Z ERROR 3-D Secure failed for holder=M\u00fcller order=A-0992\n"
                .getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.APPEND);
        Files.write(file, List.of("2026-05-14T10:02:00Z INFO  payment accepted order=A-0993"),
                StandardOpenOption.APPEND);
        return file;
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

    @ContractTest
    @DisplayName("reports a log file that is not UTF-8 as an error, instead of a count")
    void reportsALogThatIsNotUtf8() throws IOException {
        logWithALatin1Line();

        assertThatThrownBy(() -> logs.countLinesContaining("ERROR"))
                .as("counting in a folder where gateway-2026-05-14.log has a line in Latin-1")
                .satisfies(thrown -> assertThat(causes(thrown))
                        .as("the exception and its causes: one says the bytes could not be decoded")
                        .hasAtLeastOneElementOfType(CharacterCodingException.class));
    }

    /*
     * The leak tests below do not depend on the order they run in. Each has a folder of its own,
     * and leavesNoOpenFiles() compares the descriptors open after the code with those open before
     * it by what each points at, so a stream that another test abandoned (and that a Cleaner may
     * close at any moment) can neither count against this test nor hide a file it left open. The
     * count of keepsOpenFilesFlat can only fall when such a stream is closed mid-run: that makes
     * no fix look leaky, and it cannot hide a leak of one descriptor per check, which its twelve
     * readings see grow well past the bound long before 200 checks are done.
     */

    @LeakTest
    @DisplayName("closes the folder and every log file it read, once a count is done")
    void closesWhatACountOpens() {
        assertThatRunning(() -> logs.countLinesContaining("ERROR")).leavesNoOpenFiles();
    }

    @LeakTest
    @DisplayName("closes the folder once it has listed the log files")
    void closesTheFolderItLists() {
        assertThatRunning(() -> logs.logFiles()).leavesNoOpenFiles();
    }

    @LeakTest
    @DisplayName("closes the folder and the log file when a line cannot be read and the count fails")
    void closesALogItCannotRead() throws IOException {
        logWithALatin1Line();

        LeftoversAssert counting = assertThatRunning(() -> logs.countLinesContaining("ERROR")).leavesNoOpenFiles();

        assertThat(counting.thrown()).as("what the failed count threw").isNotNull();
    }

    @LeakTest
    @DisplayName("keeps the number of open files flat, however often the health check counts")
    void keepsOpenFilesFlat() {
        assertThat(openFiles())
                .whileRepeating(HEALTH_CHECKS, i -> countErrors())
                .growsByAtMost(JVMS_OWN_FILES);
    }

    /** The exception and its chain of causes. */
    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
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
