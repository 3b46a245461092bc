package dev.leakproof;

import static dev.leakproof.LeakAssertions.allocatedBytes;
import static dev.leakproof.LeakAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("LargeFiles")
class LargeFilesTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("writes exactly the size asked for, and returns the SHA-256 of what it wrote")
    void writesAndDigests() throws IOException {
        Path file = dir.resolve("data.bin");

        String written = LargeFiles.writeRandom(file, 100_000); // not a whole number of pieces

        assertThat(file).hasSize(100_000);
        assertThat(LargeFiles.sha256(file)).isEqualTo(written).hasSize(64);
    }

    @Test
    @DisplayName("writes the same bytes for the same size, run after run, and other bytes for another size")
    void isRepeatable() throws IOException {
        String first = LargeFiles.writeRandom(dir.resolve("a.bin"), 200_000);
        String again = LargeFiles.writeRandom(dir.resolve("b.bin"), 200_000);
        String other = LargeFiles.writeRandom(dir.resolve("c.bin"), 200_001);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    @DisplayName("digests a stream as SHA-256 does (the standard's test vector for \"abc\")")
    void digestsLikeSha256() throws IOException {
        assertThat(LargeFiles.sha256(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    @DisplayName("writes and reads 16 MiB through its 64 KiB pieces: far less allocated than the file is large")
    void neverHoldsTheWholeFile() {
        Path file = dir.resolve("large.bin");

        assertThat(allocatedBytes())
                .whileRepeating(3, i -> {
                    try {
                        String written = LargeFiles.writeRandom(file, 16 * 1024 * 1024);
                        assertThat(LargeFiles.sha256(file)).isEqualTo(written);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .growsByAtMostPerOperation(1024 * 1024);
    }
}
