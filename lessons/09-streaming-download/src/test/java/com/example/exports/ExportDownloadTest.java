package com.example.exports;

import static dev.leakproof.LeakAssertions.allocatedBytesByAllThreads;
import static dev.leakproof.LeakAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.ContractTest;
import dev.leakproof.ForkedJvm;
import dev.leakproof.ForkedRun;
import dev.leakproof.LargeFiles;
import dev.leakproof.LeakTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The export download service")
class ExportDownloadTest {

    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    private Path exportsDir;
    private ExportServer server;

    @BeforeEach
    void startServer() throws IOException {
        exportsDir = Files.createDirectory(workDir.resolve("exports"));
        server = ExportServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), exportsDir);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @ContractTest
    @DisplayName("sends an export byte for byte, as an attachment, with its size announced")
    void sendsTheExport() throws Exception {
        byte[] content = new byte[300 * KIB];
        new SplittableRandom(9).nextBytes(content);
        Files.write(exportsDir.resolve("orders-2024-11.csv"), content);

        HttpResponse<byte[]> response = CLIENT.send(get("/exports/orders-2024-11.csv"), BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).as("the status code").isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).as("the Content-Length header")
                .hasValue(String.valueOf(content.length));
        assertThat(response.headers().firstValue("Content-Type")).as("the Content-Type header")
                .hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("Content-Disposition")).as("the Content-Disposition header")
                .hasValue("attachment; filename=\"orders-2024-11.csv\"");
        assertThat(response.body()).as("the body: the export's bytes").isEqualTo(content);
    }

    @ContractTest
    @DisplayName("answers 404 for an export that does not exist")
    void answersNotFound() throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(get("/exports/orders-1999-01.csv"), BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).as("the status code for an export that does not exist").isEqualTo(404);
    }

    @ContractTest
    @DisplayName("answers 404 for a name that leads out of the exports folder")
    void staysInsideTheExportsFolder() throws Exception {
        Files.writeString(workDir.resolve("partners.properties"), "secret=do-not-serve");

        HttpResponse<String> response = CLIENT.send(get("/exports/..%2Fpartners.properties"), BodyHandlers.ofString());

        assertThat(response.statusCode()).as("the status code for ../partners.properties").isEqualTo(404);
        assertThat(response.body()).as("the body of the answer").doesNotContain("secret");
    }

    @ContractTest
    @DisplayName("refuses to change an export: anything but GET answers 405")
    void refusesOtherMethods() throws Exception {
        Files.writeString(exportsDir.resolve("orders-2024-11.csv"), "order,amount\n1,9.90\n");
        HttpRequest delete = HttpRequest.newBuilder(server.uri().resolve("/exports/orders-2024-11.csv")).DELETE().build();

        HttpResponse<String> response = CLIENT.send(delete, BodyHandlers.ofString());

        assertThat(response.statusCode()).as("the status code for a DELETE").isEqualTo(405);
        assertThat(exportsDir.resolve("orders-2024-11.csv")).as("the export after a DELETE").exists();
    }

    @LeakTest
    @DisplayName("serves an export four times the size of its whole heap, intact")
    void servesAnExportLargerThanTheHeap() throws Exception {
        String sha256 = writeExport("orders-2024-12.csv", 128 * MIB);

        ForkedRun run = ForkedJvm.withMaxHeap("32m")
                .withTimeout(Duration.ofSeconds(45))
                .run(DownloadWithSmallHeap.class, exportsDir.toString(), "orders-2024-12.csv", sha256);

        assertThat(run).succeeded();
    }

    @LeakTest
    @DisplayName("allocates far less memory per download than the export is large")
    void allocatesLittlePerDownload() throws Exception {
        writeExport("orders-2024-12.csv", 8 * MIB);
        download("orders-2024-12.csv"); // the first request loads classes and fills caches

        assertThat(allocatedBytesByAllThreads())
                .whileRepeating(10, i -> download("orders-2024-12.csv"))
                .growsByAtMostPerOperation(1 * MIB);
    }

    /**
     * Runs in a JVM of its own, with a 32 MiB heap: starts the service there, downloads one export
     * through it with {@link HttpClient}, and compares the SHA-256 of what arrived with the
     * expected one, reading the body in 64 KiB pieces. Exits with 1 when they differ.
     *
     * <p>Arguments: the exports folder, the export's name and its SHA-256 in hex.
     */
    public static final class DownloadWithSmallHeap {

        public static void main(String[] args) throws Exception {
            Path exportsDir = Path.of(args[0]);
            String name = args[1];
            String expectedSha256 = args[2];
            try (ExportServer server = ExportServer.start(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), exportsDir)) {
                HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/exports/" + name)).build();
                System.out.printf("GET %s (%,d bytes) with a heap of %,d MiB%n", request.uri(),
                        Files.size(exportsDir.resolve(name)), Runtime.getRuntime().maxMemory() / MIB);
                HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, BodyHandlers.ofInputStream());
                String actualSha256;
                try (InputStream body = response.body()) {
                    actualSha256 = LargeFiles.sha256(body);
                }
                if (response.statusCode() != 200 || !actualSha256.equals(expectedSha256)) {
                    System.out.printf("GET %s answered %d with SHA-256 %s; expected 200 with SHA-256 %s%n",
                            request.uri(), response.statusCode(), actualSha256, expectedSha256);
                    System.exit(1);
                }
                System.out.println("received the export, SHA-256 as expected");
            }
        }
    }

    /** Writes an export of {@code size} pseudo-random bytes, piece by piece; returns its SHA-256 in hex. */
    private String writeExport(String name, long size) throws IOException {
        return LargeFiles.writeRandom(exportsDir.resolve(name), size);
    }

    /**
     * Downloads an export with {@link HttpURLConnection}, reading it into one reused buffer: the
     * client itself allocates next to nothing per byte, so what grows is the server's share.
     */
    private void download(String name) {
        try {
            HttpURLConnection connection = (HttpURLConnection) server.uri().resolve("/exports/" + name).toURL().openConnection();
            byte[] piece = new byte[64 * KIB];
            long received = 0;
            try (InputStream body = connection.getInputStream()) {
                for (int n; (n = body.read(piece)) != -1; received += n) {
                    // nothing to keep: only the size matters here
                }
            }
            assertThat(received).as("the bytes downloaded of " + name + ": its size")
                    .isEqualTo(Files.size(exportsDir.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest get(String path) {
        URI uri = server.uri().resolve(path);
        return HttpRequest.newBuilder(uri).build();
    }
}
