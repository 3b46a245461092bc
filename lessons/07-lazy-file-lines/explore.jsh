// Watch lesson 07 leak: run the health check's count in rounds and print, after each round, how
// many file descriptors this JVM has open, and, on Linux, how many of them point at the log folder.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.health.*;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

var folder = Files.createTempDirectory("gateway-logs");
Files.write(folder.resolve("gateway.log"), List.of(
        "2026-05-16T09:00:01Z INFO  payment accepted order=A-1001",
        "2026-05-16T09:00:02Z ERROR card declined by issuer order=A-1002"));
Files.write(folder.resolve("gateway-2026-05-15.log"), List.of(
        "2026-05-15T23:59:58Z ERROR acquirer refused the connection"));
var logs = new LogFolder(folder);

long openFiles() {
    var os = (com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getOpenFileDescriptorCount();
}

/** Descriptors pointing where {@code target} says (Linux shows them in /proc/self/fd), or -1 elsewhere. */
long descriptorsOn(java.util.function.Predicate<Path> target) throws Exception {
    var fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
        return -1;
    }
    long count = 0;
    try (Stream<Path> entries = Files.list(fds)) {
        for (Path fd : entries.toArray(Path[]::new)) {
            try {
                if (target.test(Files.readSymbolicLink(fd))) {
                    count++;
                }
            } catch (Exception closedMeanwhile) {
            }
        }
    }
    return count;
}

void report(String when) throws Exception {
    long open = openFiles();
    long onFolder = descriptorsOn(folder::equals);
    long onLogFiles = descriptorsOn(path -> folder.equals(path.getParent()));
    System.out.printf("%-30s %,6d open files%s%n", when, open, onFolder < 0 ? ""
            : String.format(": %,6d on the log folder, %,6d on its log files", onFolder, onLogFiles));
}

report("before:");
long before = openFiles();
long errors = 0;
for (int round = 1; round <= 5; round++) {
    for (int i = 0; i < 200; i++) {
        errors = logs.countLinesContaining("ERROR");
    }
    report(String.format("after %,5d health checks:", round * 200));
}
System.out.printf("every check counted %d error lines, as it should.%n", errors);
System.gc();
Thread.sleep(500);
report("after a garbage collection:");
if (openFiles() > before) {
    System.out.println("The collector closed the log files of the streams it collected: Files.lines registers a cleanup");
    System.out.println("for them. Nothing ever closes the folder's: those descriptors stay open until the JVM exits.");
}
for (Path file : List.of(folder.resolve("gateway.log"), folder.resolve("gateway-2026-05-15.log"), folder)) {
    Files.delete(file);
}
System.out.println("If the counts climbed with the health checks, LogFolder still leaks: fix it and open the shell again");
System.out.println("(`./kata shell 07`). If they stayed flat, the fix holds.");
/exit
