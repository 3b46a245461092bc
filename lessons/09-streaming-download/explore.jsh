// Watch lesson 09 leak: serve a 64 MiB export and measure what one download costs the heap.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.exports.*;
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

long download(URI uri) throws Exception {
    var connection = (HttpURLConnection) uri.toURL().openConnection();
    var piece = new byte[64 * 1024];
    long received = 0;
    try (var body = connection.getInputStream()) {
        for (int n; (n = body.read(piece)) != -1; received += n) {
        }
    }
    return received;
}

var exportsDir = Files.createTempDirectory("exports");
var export = exportsDir.resolve("orders-2024-12.csv");
try (var out = Files.newOutputStream(export)) {
    var line = "4711,2024-12-31,ACME Corp,199.90,EUR\n".getBytes();
    for (long written = 0; written < 64L * 1024 * 1024; written += line.length) {
        out.write(line);
    }
}
System.out.printf("export: %s, %,d bytes; this JShell's heap may grow to %,d MiB%n",
        export.getFileName(), Files.size(export), Runtime.getRuntime().maxMemory() / (1024 * 1024));

try (var server = ExportServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), exportsDir)) {
    var uri = server.uri().resolve("/exports/orders-2024-12.csv");
    download(uri); // a first download loads the classes of the client and the server
    for (int i = 1; i <= 5; i++) {
        long before = allocatedByAllThreads();
        long received = download(uri);
        System.out.printf("download %d: %,d bytes received, %,9d KiB allocated on the heap meanwhile%n",
                i, received, (allocatedByAllThreads() - before) / 1024);
    }
}
Files.delete(export);
Files.delete(exportsDir);
System.out.println("The client reads into one 64 KiB buffer. Who allocated the rest, and how much would ten partners downloading at once need?");
System.out.println("If a download allocated about as much as the export is large, the handler still holds it whole: fix it");
System.out.println("and open the shell again (`./kata shell 09`). If it took a few hundred KiB at most, the fix holds.");
/exit
