// Watch lesson 10 leak: upload a 64 MiB bundle and measure what one upload costs the heap.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.bundles.*;
import java.lang.management.ManagementFactory;
import java.net.*;
import java.nio.file.*;

var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

long allocatedByAllThreads() {
    long total = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
        total += Math.max(0, bytes);
    }
    return total;
}

int upload(URI uri, Path bundle) throws Exception {
    var connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setRequestMethod("PUT");
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(Files.size(bundle));
    try (var body = connection.getOutputStream()) {
        Files.copy(bundle, body);
    }
    int status = connection.getResponseCode();
    connection.getInputStream().close();
    return status;
}

var workDir = Files.createTempDirectory("bundles");
var incomingDir = Files.createDirectory(workDir.resolve("incoming"));
var bundle = workDir.resolve("acme-prod-2024-12-01.zip");
try (var out = Files.newOutputStream(bundle)) {
    var line = "2024-12-01T03:14:15Z ERROR [worker-7] order 4711 failed: connection reset\n".getBytes();
    for (long written = 0; written < 64L * 1024 * 1024; written += line.length) {
        out.write(line);
    }
}
System.out.printf("bundle: %s, %,d bytes; this JShell's heap may grow to %,d MiB%n",
        bundle.getFileName(), Files.size(bundle), Runtime.getRuntime().maxMemory() / (1024 * 1024));

try (var server = BundleIntakeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), incomingDir)) {
    var uri = server.uri().resolve("/bundles/" + bundle.getFileName());
    upload(uri, bundle); // a first upload loads the classes of the client and the server
    for (int i = 1; i <= 5; i++) {
        long before = allocatedByAllThreads();
        int status = upload(uri, bundle);
        System.out.printf("upload %d: answered %d, %,d bytes stored, %,9d KiB allocated on the heap meanwhile%n",
                i, status, Files.size(incomingDir.resolve(bundle.getFileName())), (allocatedByAllThreads() - before) / 1024);
    }
}
Files.delete(incomingDir.resolve(bundle.getFileName()));
Files.delete(incomingDir);
Files.delete(bundle);
Files.delete(workDir);
System.out.println("The client sends straight from the file through one small buffer. Who allocated the rest?");
System.out.println("If an upload allocated about as much as the bundle is large, the handler still holds it whole: fix it");
System.out.println("and open the shell again (`./kata shell 10`). If it took a few hundred KiB at most, the fix holds.");
/exit
