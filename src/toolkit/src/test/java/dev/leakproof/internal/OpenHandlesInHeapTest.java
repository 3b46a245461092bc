package dev.leakproof.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback is what counts open files on Windows; on Linux it can be checked against the
 * system's own count, which is what these tests do.
 */
@DisplayName("The open-file fallback that counts handles in the heap")
class OpenHandlesInHeapTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> opened = new ArrayList<>();

    /**
     * Streams other tests dropped without closing are closed by their Cleaners after a collection,
     * on the Cleaner's thread: let that happen before counting, or it could happen during a count.
     */
    @BeforeEach
    void closeEarlierTestsDroppedStreams() throws InterruptedException {
        Gc.collect();
        long previous = -1;
        long current = OpenFiles.count();
        for (int tries = 0; tries < 50 && current != previous; tries++) {
            Thread.sleep(20);
            previous = current;
            current = OpenFiles.count();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    @DisplayName("counts every file left open, as the system does")
    void countsTheFilesTheSystemCounts() throws IOException {
        Path file = Files.writeString(dir.resolve("orders.csv"), "id,amount\n");
        long heapBefore = OpenHandlesInHeap.count();
        Map<String, String> systemBefore = OpenFiles.targets();

        opened.add(new FileInputStream(file.toFile()));
        opened.add(Files.newInputStream(file));
        opened.add(Files.newBufferedReader(file));

        Map<String, String> systemAfter = OpenFiles.targets();
        long heapAfter = OpenHandlesInHeap.count();
        assertThat(heapAfter - heapBefore).as("open files counted in the heap").isEqualTo(3);
        if (!systemAfter.isEmpty()) { // Linux names the descriptors: compare with the system, file by file
            long newOnTheFile = systemAfter.entrySet().stream()
                    .filter(fd -> !fd.getValue().equals(systemBefore.get(fd.getKey())))
                    .filter(fd -> fd.getValue().equals(file.toString()))
                    .count();
            assertThat(newOnTheFile).as("descriptors of the file the system shows").isEqualTo(3);
        }
    }

    @Test
    @DisplayName("counts a directory stream left open")
    void countsADirectoryStream() throws IOException {
        long before = OpenHandlesInHeap.count();

        opened.add(Files.newDirectoryStream(dir));

        // One stream; Linux gives it two descriptors, the directory's and the listing's.
        assertThat(OpenHandlesInHeap.count() - before).isEqualTo(1);
    }

    @Test
    @DisplayName("counts a stream the code dropped without closing, garbage on the heap but still open")
    void countsADroppedStream() throws IOException {
        Path file = Files.writeString(dir.resolve("orders.csv"), "id,amount\n");
        long before = OpenHandlesInHeap.count();

        dropWithoutClosing(file);

        assertThat(OpenHandlesInHeap.count() - before).isEqualTo(1);
    }

    private static void dropWithoutClosing(Path file) throws IOException {
        Files.newInputStream(file).read();
    }

    @Test
    @DisplayName("does not count files that were closed, although their objects are still on the heap")
    void ignoresClosedFiles() throws IOException {
        Path file = Files.writeString(dir.resolve("orders.csv"), "id,amount\n");
        long before = OpenHandlesInHeap.count();
        List<Object> keptButClosed = new ArrayList<>();

        try (FileInputStream in = new FileInputStream(file.toFile());
                DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            keptButClosed.add(in);
            keptButClosed.add(listing);
        }

        assertThat(OpenHandlesInHeap.count()).isEqualTo(before);
        assertThat(keptButClosed).hasSize(2);
    }
}
