package com.example.exports;

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

    /** Downloads of each size whose allocation is compared. */
    private static final int SIZE_DOWNLOADS = 5;

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
    @DisplayName("closes the export after every request, and allocates far less memory per download than the export is large")
    void allocatesLittlePerDownload() throws Exception {
        writeExport("orders-2024-11.csv", 1 * MIB);
        writeExport("orders-2024-12.csv", 8 * MIB);
        Files.writeString(workDir.resolve("partners.properties"), "secret=do-not-serve");
        // The first requests load classes. They fetch another export, so that a descriptor they
        // leave open, closed by a collection meanwhile, cannot hide one of the requests checked.
        answersOfAServiceOfItsOwn("orders-2024-11.csv");

        LeftoversAssert requests = assertThatRunning(() -> assertThat(answersOfAServiceOfItsOwn("orders-2024-12.csv"))
                .as("the status codes of: a download, twice; a missing export; ../partners.properties; a DELETE")
                .containsExactly(200, 200, 404, 404, 405));
        requests.leavesNoOpenFiles();
        assertThat(requests.thrown()).as("what the requests threw").isNull();

        download("orders-2024-12.csv"); // the first download of this client loads its classes
        assertThat(allocatedBytesByAllThreads())
                .as("the heap allocated per download of an 8 MiB export, by every thread: the handler's buffers "
                        + "and what the server and the test's client allocate anyway")
                .whileRepeating(10, i -> download("orders-2024-12.csv"))
                .growsByAtMostPerOperation(1 * MIB);
    }

    @LeakTest
    @DisplayName("allocates no more per download for an export four times as large")
    void allocationDoesNotGrowWithTheExport() throws Exception {
        writeExport("orders-2024-11.csv", 8 * MIB);
        writeExport("orders-2024-12.csv", 32 * MIB);
        download("orders-2024-11.csv"); // the first requests load classes and fill caches
        download("orders-2024-12.csv");
        Measure allocated = allocatedBytesByAllThreads();
        long before = allocated.read();
        for (int i = 0; i < SIZE_DOWNLOADS; i++) {
            download("orders-2024-11.csv");
        }
        long perSmallDownload = (allocated.read() - before) / SIZE_DOWNLOADS;

        assertThat(allocatedBytesByAllThreads())
                .as("the heap allocated per download of a 32 MiB export, which may exceed what one of an 8 MiB export "
                        + "took (%,d bytes) by at most 64 KiB", perSmallDownload)
                .whileRepeating(SIZE_DOWNLOADS, i -> download("orders-2024-12.csv"))
                .growsByAtMostPerOperation(perSmallDownload + 64 * KIB);
    }

    @LeakTest
    @DisplayName("holds nothing of the export, and closes it, when a partner's job hangs up half-way through the download")
    void closesTheExportWhenThePartnerHangsUp() throws Exception {
        writeExport("orders-2024-11.csv", 32 * MIB);
        writeExport("orders-2024-12.csv", 32 * MIB);
        // The first requests load classes. They fetch another export, so that a descriptor they
        // leave open, closed by a collection meanwhile, cannot hide one of the requests checked.
        hangUpOnAServiceOfItsOwn("orders-2024-11.csv");

        LeftoversAssert hangingUp = assertThatRunning(() -> assertThat(hangUpOnAServiceOfItsOwn("orders-2024-12.csv"))
                .as("the status codes of two downloads broken off after 64 KiB")
                .containsExactly(200, 200));
        hangingUp.leavesNoOpenFiles();
        assertThat(hangingUp.thrown()).as("what the requests threw").isNull();

        hangUp(server, "orders-2024-12.csv"); // the first request to this server
        assertThat(allocatedBytesByAllThreads())
                .as("the heap allocated per download of a 32 MiB export broken off after 64 KiB, by every thread: "
                        + "at most an eighth of the export, though each comes on a new connection, for which the "
                        + "JDK's server allocates a buffer of twice the handler's largest write")
                .whileRepeating(5, i -> hangUp(server, "orders-2024-12.csv"))
                .growsByAtMostPerOperation(4 * MIB);
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
            boolean received;
            // Closing the server waits for its handler to end: the handler's failure, which the
            // server prints, is in the output before this JVM exits.
            try (ExportServer server = ExportServer.start(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), exportsDir)) {
                received = download(server, exportsDir, name, expectedSha256);
            }
            System.exit(received ? 0 : 1);
        }

        private static boolean download(ExportServer server, Path exportsDir, String name, String expectedSha256)
                throws Exception {
            HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/exports/" + name)).build();
            System.out.printf("GET %s (%,d bytes) with a heap of %,d MiB%n", request.uri(),
                    Files.size(exportsDir.resolve(name)), Runtime.getRuntime().maxMemory() / MIB);
            HttpResponse<InputStream> response;
            String actualSha256;
            try {
                response = HttpClient.newHttpClient().send(request, BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    actualSha256 = LargeFiles.sha256(body);
                }
            } catch (IOException e) {
                System.out.printf("GET %s failed: %s%n", request.uri(), e);
                return false;
            }
            if (response.statusCode() != 200 || !actualSha256.equals(expectedSha256)) {
                System.out.printf("GET %s answered %d with SHA-256 %s; expected 200 with SHA-256 %s%n",
                        request.uri(), response.statusCode(), actualSha256, expectedSha256);
                return false;
            }
            System.out.println("received the export, SHA-256 as expected");
            return true;
        }
    }

    /**
     * Starts a service of its own and sends it, each over a connection of its own, as partners'
     * jobs do: a download of the export {@code name}, twice; one of an export that does not
     * exist; one of ../partners.properties; a DELETE. Stops the service, which waits for its
     * handler to finish, and returns the status codes.
     */
    private int[] answersOfAServiceOfItsOwn(String name) throws IOException {
        try (ExportServer service = startServiceOfItsOwn()) {
            return new int[] {
                request(service, "GET", "/exports/" + name, Long.MAX_VALUE),
                request(service, "GET", "/exports/" + name, Long.MAX_VALUE),
                request(service, "GET", "/exports/orders-1999-01.csv", Long.MAX_VALUE),
                request(service, "GET", "/exports/..%2Fpartners.properties", Long.MAX_VALUE),
                request(service, "DELETE", "/exports/" + name, Long.MAX_VALUE),
            };
        }
    }

    /**
     * Starts a service of its own, starts two downloads of the export {@code name} and breaks each
     * off after 64 KiB of the body, as a partner's job that is stopped half-way does. Stops the
     * service, which waits for its handler to finish, and returns the status codes.
     */
    private int[] hangUpOnAServiceOfItsOwn(String name) throws IOException {
        try (ExportServer service = startServiceOfItsOwn()) {
            return new int[] {hangUp(service, name), hangUp(service, name)};
        }
    }

    /** Starts a download of the export {@code name} and breaks it off after 64 KiB; returns the status code. */
    private static int hangUp(ExportServer service, String name) {
        try {
            return request(service, "GET", "/exports/" + name, 64 * KIB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    private ExportServer startServiceOfItsOwn() throws IOException {
        return ExportServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), exportsDir);
    }

    /**
     * Sends one request over a connection of its own ({@code Connection: close}), reads the
     * answer's status line, its headers and at most {@code bodyBytes} bytes of its body, and closes
     * the connection. A client that stops before the end of the body hangs up with a reset, as a
     * job that is killed does, and its small receive window keeps the server from having sent the
     * rest already: the server's next write fails. Returns the status code.
     */
    private static int request(ExportServer service, String method, String path, long bodyBytes) throws IOException {
        URI uri = service.uri();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * KIB);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = readLine(in);
            while (!readLine(in).isEmpty()) {
                // the headers: not needed here
            }
            byte[] piece = new byte[8 * KIB];
            long received = 0;
            for (int n; received < bodyBytes
                    && (n = in.read(piece, 0, (int) Math.min(piece.length, bodyBytes - received))) != -1; ) {
                received += n;
            }
            if (received == bodyBytes) {
                socket.setSoLinger(true, 0);
            }
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
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
