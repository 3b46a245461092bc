// Watch lesson 01 leak: record sign-ins in rounds and print the heap in use after each round.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.audit.*;
import java.time.Instant;

var logins = new RecentLogins(100);

long usedHeapKiB() {
    System.gc();
    var runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024;
}

System.out.printf("before: %,d KiB of heap in use%n", usedHeapKiB());
for (int round = 1; round <= 5; round++) {
    for (int i = 0; i < 200_000; i++) {
        logins.record(new LoginEvent("user-" + i, "203.0.113.7", Instant.now()));
    }
    System.out.printf("after %,9d sign-ins: %,9d KiB of heap in use%n", round * 200_000, usedHeapKiB());
}
System.out.printf("and the panel still shows %d of them.%n", logins.latest().size());
System.out.println("If the heap grew round after round, RecentLogins still leaks: fix it and open the shell again");
System.out.println("(`./kata shell 01`). If it stayed flat, the fix holds.");
/exit
