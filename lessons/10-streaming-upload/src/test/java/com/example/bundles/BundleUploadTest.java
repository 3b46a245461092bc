package com.example.bundles;

import static dev.leakproof.LeakAssertions.allocatedBytesByAllThreads;
import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.assertThatRunning;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.ContractTest;
import dev.leakproof.ForkedJvm;
import dev.leakproof.ForkedRun;
import dev.leakproof.LargeFiles;
import dev.leakproof.LeakTest;
import dev.leakproof.LeftoversAssert;
import dev.leakproof.Measure;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
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

    /** Uploads of each size whose allocation is compared. */
    private static final int SIZE_UPLOADS = 5;

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
    @DisplayName("closes the stored bundle after every request, and allocates far less memory per upload than the bundle is large")
    void allocatesLittlePerUpload() throws Exception {
        writeBundle("acme-prod-2024-12-01.zip", 8 * MIB);
        // The first requests load classes. They store another bundle, so that a descriptor they
        // leave open, closed by a collection meanwhile, cannot hide one of the requests checked.
        answersOfAServiceOfItsOwn("acme-prod-2024-11-30.zip");

        LeftoversAssert requests = assertThatRunning(() -> assertThat(answersOfAServiceOfItsOwn("acme-prod-2024-12-01.zip"))
                .as("the status codes of: an upload; the same again; ../partners.properties; a POST")
                .containsExactly(201, 201, 400, 405));
        requests.leavesNoOpenFiles();
        assertThat(requests.thrown()).as("what the requests threw").isNull();

        upload("acme-prod-2024-12-01.zip"); // the first upload of this client loads its classes
        assertThat(allocatedBytesByAllThreads())
                .as("the heap allocated per upload of an 8 MiB bundle, by every thread: the handler's buffers "
                        + "and what the server and the test's client allocate anyway")
                .whileRepeating(10, i -> upload("acme-prod-2024-12-01.zip"))
                .growsByAtMostPerOperation(1 * MIB);
    }

    @LeakTest
    @DisplayName("allocates no more per upload for a bundle four times as large")
    void allocationDoesNotGrowWithTheBundle() throws Exception {
        writeBundle("acme-prod-2024-12-01.zip", 8 * MIB);
        writeBundle("acme-prod-heapdump.zip", 32 * MIB);
        upload("acme-prod-2024-12-01.zip"); // the first requests load classes and fill caches
        upload("acme-prod-heapdump.zip");
        Measure allocated = allocatedBytesByAllThreads();
        long before = allocated.read();
        for (int i = 0; i < SIZE_UPLOADS; i++) {
            upload("acme-prod-2024-12-01.zip");
        }
        long perSmallUpload = (allocated.read() - before) / SIZE_UPLOADS;

        assertThat(allocatedBytesByAllThreads())
                .as("the heap allocated per upload of a 32 MiB bundle, which may exceed what one of an 8 MiB bundle "
                        + "took (%,d bytes) by at most 64 KiB", perSmallUpload)
                .whileRepeating(SIZE_UPLOADS, i -> upload("acme-prod-heapdump.zip"))
                .growsByAtMostPerOperation(perSmallUpload + 64 * KIB);
    }

    @LeakTest
    @DisplayName("holds nothing of the bundle, and closes it, when an upload breaks off half-way")
    void closesTheBundleWhenTheUploadBreaksOff() throws Exception {
        writeBundle("acme-prod-2024-12-01.zip", 8 * MIB);
        // The first requests load classes. They store another bundle, so that a descriptor they
        // leave open, closed by a collection meanwhile, cannot hide one of the requests checked.
        breakOffUploadsToAServiceOfItsOwn("acme-prod-2024-11-30.zip");

        LeftoversAssert breakingOff = assertThatRunning(
                () -> breakOffUploadsToAServiceOfItsOwn("acme-prod-2024-12-01.zip"));
        breakingOff.leavesNoOpenFiles();
        assertThat(breakingOff.thrown()).as("what the uploads threw").isNull();

        breakOff(server, "acme-prod-2024-12-01.zip"); // the first request to this server
        assertThat(allocatedBytesByAllThreads())
                .as("the heap allocated per upload of an 8 MiB bundle broken off after 4 MiB, by every thread")
                .whileRepeating(5, i -> breakOff(server, "acme-prod-2024-12-01.zip"))
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
            boolean stored;
            // Closing the server waits for its handler to end: the handler's failure, which the
            // server prints, is in the output before this JVM exits.
            try (BundleIntakeServer server = BundleIntakeServer.start(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), incomingDir)) {
                stored = upload(server, bundle, incomingDir, expectedSha256);
            }
            System.exit(stored ? 0 : 1);
        }

        private static boolean upload(BundleIntakeServer server, Path bundle, Path incomingDir, String expectedSha256)
                throws Exception {
            HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/bundles/" + bundle.getFileName()))
                    .PUT(BodyPublishers.ofFile(bundle))
                    .build();
            System.out.printf("PUT %s (%,d bytes) with a heap of %,d MiB%n", request.uri(),
                    Files.size(bundle), Runtime.getRuntime().maxMemory() / MIB);
            HttpResponse<String> response;
            try {
                response = HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
            } catch (IOException e) {
                System.out.printf("PUT %s failed: %s%n", request.uri(), e);
                return false;
            }
            Path stored = incomingDir.resolve(bundle.getFileName());
            String storedSha256 = Files.exists(stored) ? LargeFiles.sha256(stored) : "(nothing stored)";
            if (response.statusCode() != 201 || !storedSha256.equals(expectedSha256)) {
                System.out.printf("PUT %s answered %d and stored SHA-256 %s; expected 201 and SHA-256 %s%n",
                        request.uri(), response.statusCode(), storedSha256, expectedSha256);
                return false;
            }
            System.out.printf("stored %,d bytes, SHA-256 as expected%n", Files.size(stored));
            return true;
        }
    }

    /**
     * Starts a service of its own and sends it, each over a connection of its own: an upload of
     * acme-prod-2024-12-01.zip stored as {@code name}; the same again, which replaces it; one to
     * ../partners.properties; a POST. Stops the service, which waits for its handler to finish,
     * and returns the status codes.
     */
    private int[] answersOfAServiceOfItsOwn(String name) throws IOException {
        Path bundle = outgoingDir.resolve("acme-prod-2024-12-01.zip");
        try (BundleIntakeServer service = startServiceOfItsOwn()) {
            return new int[] {
                request(service, "PUT", "/bundles/" + name, bundle, Files.size(bundle)),
                request(service, "PUT", "/bundles/" + name, bundle, Files.size(bundle)),
                request(service, "PUT", "/bundles/..%2Fpartners.properties", bundle, KIB),
                request(service, "POST", "/bundles/" + name, bundle, KIB),
            };
        }
    }

    /**
     * Starts a service of its own and sends it two uploads of acme-prod-2024-12-01.zip, to be
     * stored as {@code name}, that break off half-way, as an installation that is stopped does.
     * Stops the service, which waits for its handler to finish.
     */
    private void breakOffUploadsToAServiceOfItsOwn(String name) throws IOException {
        try (BundleIntakeServer service = startServiceOfItsOwn()) {
            breakOff(service, name);
            breakOff(service, name);
        }
    }

    /** Starts an upload of acme-prod-2024-12-01.zip (8 MiB) as {@code name} and breaks it off after 4 MiB. */
    private void breakOff(BundleIntakeServer service, String name) {
        try {
            breakOff(service, "/bundles/" + name, outgoingDir.resolve("acme-prod-2024-12-01.zip"), 4 * MIB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    private BundleIntakeServer startServiceOfItsOwn() throws IOException {
        return BundleIntakeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), incomingDir);
    }

    /**
     * Sends one request over a connection of its own ({@code Connection: close}) with the first
     * {@code length} bytes of {@code body} as its body, reads the answer to its end and returns
     * the status code.
     */
    private static int request(BundleIntakeServer service, String method, String path, Path body, long length)
            throws IOException {
        try (Socket socket = connect(service)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(service, method, path, length, "").getBytes(US_ASCII));
            send(body, length, out);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int status = readStatusAndHeaders(in);
            in.transferTo(OutputStream.nullOutputStream());
            return status;
        }
    }

    /**
     * Starts a PUT of all of {@code body} with {@code Expect: 100-continue}, waits for the
     * server's "100 Continue" (its handler is then running), sends the first {@code sent} bytes
     * and closes the connection: the server finds the body ending early and its read fails.
     */
    private static void breakOff(BundleIntakeServer service, String path, Path body, long sent) throws IOException {
        try (Socket socket = connect(service)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(service, "PUT", path, Files.size(body), "Expect: 100-continue\r\n").getBytes(US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertThat(readStatusAndHeaders(in)).as("the server's interim answer to Expect: 100-continue")
                    .isEqualTo(100);
            send(body, sent, out);
        }
    }

    private static Socket connect(BundleIntakeServer service) throws IOException {
        URI uri = service.uri();
        return new Socket(uri.getHost(), uri.getPort());
    }

    private static String head(BundleIntakeServer service, String method, String path, long length, String more) {
        URI uri = service.uri();
        return method + " " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Length: " + length + "\r\nConnection: close\r\n" + more + "\r\n";
    }

    /** Sends the first {@code length} bytes of {@code file}, piece by piece. */
    private static void send(Path file, long length, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] piece = new byte[64 * KIB];
            for (long left = length; left > 0; ) {
                int n = in.read(piece, 0, (int) Math.min(piece.length, left));
                out.write(piece, 0, n);
                left -= n;
            }
        }
        out.flush();
    }

    /** Reads an answer's status line and headers; returns its status code. */
    private static int readStatusAndHeaders(InputStream in) throws IOException {
        String statusLine = readLine(in);
        while (!readLine(in).isEmpty()) {
            // the headers: not needed here
        }
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    /** One line of an HTTP head, without its CRLF. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b == -1) {
                throw new IOException("the connection ended inside the answer's head: " + line.toString(US_ASCII));
            }
            line.write(b);
        }
        String text = line.toString(US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
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
