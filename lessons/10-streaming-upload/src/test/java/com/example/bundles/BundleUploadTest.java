package com.example.bundles;

import static dev.leakproof.LeakAssertions.allocatedBytesByAllThreads;
import static dev.leakproof.LeakAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.ContractTest;
import dev.leakproof.ForkedJvm;
import dev.leakproof.ForkedRun;
import dev.leakproof.LargeFiles;
import dev.leakproof.LeakTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
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

@DisplayName("The support bundle intake")
class BundleUploadTest {

    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    /** What customers' installations upload from. */
    private Path outgoingDir;
    /** Where the service stores the bundles. */
    private Path incomingDir;
    private BundleIntakeServer server;

    @BeforeEach
    void startServer() throws IOException {
        outgoingDir = Files.createDirectory(workDir.resolve("outgoing"));
        incomingDir = Files.createDirectory(workDir.resolve("incoming"));
        server = BundleIntakeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), incomingDir);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @ContractTest
    @DisplayName("stores an uploaded bundle byte for byte and answers 201 Created")
    void storesTheBundle() throws Exception {
        byte[] bundle = randomBytes(300 * KIB, 1);

        HttpResponse<String> response = CLIENT.send(put("acme-prod-2024-12-01.zip", bundle), BodyHandlers.ofString());

        assertThat(response.statusCode()).as("the status code").isEqualTo(201);
        assertThat(incomingDir.resolve("acme-prod-2024-12-01.zip")).as("the stored bundle: the uploaded bytes")
                .hasBinaryContent(bundle);
    }

    @ContractTest
    @DisplayName("replaces a bundle uploaded again under the same name")
    void replacesAnEarlierUpload() throws Exception {
        CLIENT.send(put("acme-prod-2024-12-01.zip", randomBytes(200 * KIB, 2)), BodyHandlers.ofString());
        byte[] again = randomBytes(50 * KIB, 3);

        HttpResponse<String> response = CLIENT.send(put("acme-prod-2024-12-01.zip", again), BodyHandlers.ofString());

        assertThat(response.statusCode()).as("the status code of the second upload").isEqualTo(201);
        assertThat(incomingDir.resolve("acme-prod-2024-12-01.zip")).as("the stored bundle: the bytes uploaded second")
                .hasBinaryContent(again);
    }

    @ContractTest
    @DisplayName("answers 400 for a name that leads out of the incoming folder, and stores nothing")
    void staysInsideTheIncomingFolder() throws Exception {
        HttpResponse<String> response = CLIENT.send(put("..%2Fpartners.properties", randomBytes(KIB, 4)),
                BodyHandlers.ofString());

        assertThat(response.statusCode()).as("the status code for ../partners.properties").isEqualTo(400);
        assertThat(workDir.resolve("partners.properties")).as("the file outside the incoming folder").doesNotExist();
        assertThat(incomingDir).as("the incoming folder").isEmptyDirectory();
    }

    @ContractTest
    @DisplayName("accepts nothing but PUT: anything else answers 405")
    void refusesOtherMethods() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(server.uri().resolve("/bundles/acme-prod-2024-12-01.zip"))
                .POST(BodyPublishers.ofByteArray(randomBytes(KIB, 5)))
                .build();

        HttpResponse<String> response = CLIENT.send(post, BodyHandlers.ofString());

        assertThat(response.statusCode()).as("the status code for a POST").isEqualTo(405);
        assertThat(incomingDir).as("the incoming folder after a POST").isEmptyDirectory();
    }

    @LeakTest
    @DisplayName("takes a bundle four times the size of its whole heap, and stores it intact")
    void acceptsABundleLargerThanTheHeap() throws Exception {
        String sha256 = writeBundle("acme-prod-heapdump.zip", 128 * MIB);

        ForkedRun run = ForkedJvm.withMaxHeap("32m")
                .withTimeout(Duration.ofSeconds(45))
                .run(UploadWithSmallHeap.class, outgoingDir.resolve("acme-prod-heapdump.zip").toString(),
                        incomingDir.toString(), sha256);

        assertThat(run).succeeded();
    }

    @LeakTest
    @DisplayName("allocates far less memory per upload than the bundle is large")
    void allocatesLittlePerUpload() throws Exception {
        writeBundle("acme-prod-2024-12-01.zip", 8 * MIB);
        upload("acme-prod-2024-12-01.zip"); // the first request loads classes and fills caches

        assertThat(allocatedBytesByAllThreads())
                .whileRepeating(10, i -> upload("acme-prod-2024-12-01.zip"))
                .growsByAtMostPerOperation(1 * MIB);
    }

    /**
     * Runs in a JVM of its own, with a 32 MiB heap: starts the service there, uploads one bundle
     * to it with {@link HttpClient}, which sends the file piece by piece, then compares the
     * SHA-256 of the stored file, read in 64 KiB pieces, with the expected one. Exits with 1 when
     * the upload is refused or the stored file differs.
     *
     * <p>Arguments: the file to upload, the service's incoming folder and the file's SHA-256 in hex.
     */
    public static final class UploadWithSmallHeap {

        public static void main(String[] args) throws Exception {
            Path bundle = Path.of(args[0]);
            Path incomingDir = Path.of(args[1]);
            String expectedSha256 = args[2];
            try (BundleIntakeServer server = BundleIntakeServer.start(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), incomingDir)) {
                HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/bundles/" + bundle.getFileName()))
                        .PUT(BodyPublishers.ofFile(bundle))
                        .build();
                System.out.printf("PUT %s (%,d bytes) with a heap of %,d MiB%n", request.uri(),
                        Files.size(bundle), Runtime.getRuntime().maxMemory() / MIB);
                HttpResponse<String> response = HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
                Path stored = incomingDir.resolve(bundle.getFileName());
                String storedSha256 = Files.exists(stored) ? LargeFiles.sha256(stored) : "(nothing stored)";
                if (response.statusCode() != 201 || !storedSha256.equals(expectedSha256)) {
                    System.out.printf("PUT %s answered %d and stored SHA-256 %s; expected 201 and SHA-256 %s%n",
                            request.uri(), response.statusCode(), storedSha256, expectedSha256);
                    System.exit(1);
                }
                System.out.printf("stored %,d bytes, SHA-256 as expected%n", Files.size(stored));
            }
        }
    }

    /** Writes a bundle of {@code size} pseudo-random bytes to upload, piece by piece; returns its SHA-256 in hex. */
    private String writeBundle(String name, long size) throws IOException {
        return LargeFiles.writeRandom(outgoingDir.resolve(name), size);
    }

    /**
     * Uploads a bundle with {@link HttpURLConnection} in fixed-length streaming mode, straight from
     * the file through one small buffer: the client itself allocates next to nothing per byte, so
     * what grows is the server's share.
     */
    private void upload(String name) {
        try {
            Path bundle = outgoingDir.resolve(name);
            HttpURLConnection connection = (HttpURLConnection) server.uri().resolve("/bundles/" + name).toURL().openConnection();
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(Files.size(bundle));
            try (OutputStream body = connection.getOutputStream()) {
                Files.copy(bundle, body);
            }
            assertThat(connection.getResponseCode()).as("the status code of the upload of " + name).isEqualTo(201);
            connection.getInputStream().close();
            assertThat(Files.size(incomingDir.resolve(name))).as("the size of the stored " + name + ": the size sent")
                    .isEqualTo(Files.size(bundle));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest put(String name, byte[] body) {
        return HttpRequest.newBuilder(server.uri().resolve("/bundles/" + name))
                .PUT(BodyPublishers.ofByteArray(body))
                .build();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }
}
