// Watch lesson 06 leak: import a file with a malformed row in rounds and print, after each round,
// how many file descriptors this JVM has open. The count climbs by one per failed import, and
// drops only when a garbage collection happens to run.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.orders.*;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;

var inboxFolder = Files.createTempDirectory("inbox");
Files.writeString(inboxFolder.resolve("acme-orders-0517.csv"),
        "order_id,sku,quantity\nA-1004,SKU-1002,3\nA-1005,SKU-1003,two\n");
var importer = new OrderImporter(new FolderInbox(inboxFolder));

long openFiles() {
    var os = (com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getOpenFileDescriptorCount();
}

System.out.printf("before: %,d open files%n", openFiles());
String problem = "";
for (int round = 1; round <= 5; round++) {
    for (int i = 0; i < 100; i++) {
        try {
            importer.importFile("acme-orders-0517.csv");
        } catch (MalformedOrderException e) {
            problem = e.getMessage();
        }
    }
    System.out.printf("after %,4d failed imports: %,5d open files%n", round * 100, openFiles());
}
System.out.printf("every import failed with \"%s\", as it should.%n", problem);
System.gc();
Thread.sleep(500);
System.out.printf("after a garbage collection: %,d open files. Whatever fell here stayed open until the collector%n"
        + "happened to find the readers, and it runs when the heap asks for it, not when files pile up.%n", openFiles());
Files.delete(inboxFolder.resolve("acme-orders-0517.csv"));
Files.delete(inboxFolder);
System.out.println("If the open files climbed with the failed imports, OrderImporter still leaks: fix it and open the shell");
System.out.println("again (`./kata shell 06`). If the count stayed flat, the fix holds.");
/exit
