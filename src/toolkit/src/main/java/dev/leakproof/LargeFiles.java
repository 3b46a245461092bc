package dev.leakproof;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Test data larger than a small heap, written and read in 64 KiB pieces, never whole: a file of
 * pseudo-random bytes (the same bytes for the same size, run after run) and the SHA-256 digests
 * that tell whether what arrived at the other end is what was sent.
 *
 * <pre>{@code
 * String sent = LargeFiles.writeRandom(exportsDir.resolve("orders.csv"), 128 * 1024 * 1024);
 * ... // in a ForkedJvm with -Xmx32m: download it, then
 * String received = LargeFiles.sha256(response.body());
 * }</pre>
 */
public final class LargeFiles {

    private static final int PIECE = 64 * 1024;

    private LargeFiles() {
    }

    /** Writes {@code size} pseudo-random bytes to {@code file}; returns their SHA-256 in hex. */
    public static String writeRandom(Path file, long size) throws IOException {
        MessageDigest sha256 = sha256Digest();
        SplittableRandom random = new SplittableRandom(size);
        byte[] piece = new byte[PIECE];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += piece.length) {
                random.nextBytes(piece);
                int length = (int) Math.min(piece.length, size - written);
                out.write(piece, 0, length);
                sha256.update(piece, 0, length);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The SHA-256 in hex of everything {@code in} gives until its end; the stream is left open. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest sha256 = sha256Digest();
        byte[] piece = new byte[PIECE];
        for (int n; (n = in.read(piece)) != -1; ) {
            sha256.update(piece, 0, n);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The SHA-256 in hex of {@code file}'s content. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
