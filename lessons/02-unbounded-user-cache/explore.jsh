// Watch lesson 02 leak: look up ever more different users through a cache limited to 1 000
// profiles, and print after each round how many it holds and the heap in use.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.profiles.*;
import java.time.Duration;
import java.util.Optional;

UserStore directory = userId -> Optional.of(new UserProfile(userId, "User " + userId, userId + "@example.com"));
var cache = new UserProfileCache(directory, 1_000, Duration.ofMinutes(10));

long usedHeapKiB() {
    System.gc();
    var runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024;
}

System.out.printf("before: %,d KiB of heap in use%n", usedHeapKiB());
int user = 0;
for (int round = 1; round <= 5; round++) {
    for (int i = 0; i < 100_000; i++) {
        cache.find("user-" + user++);
    }
    System.out.printf("after %,7d different users: %,7d profiles cached (max-size 1,000), %,9d KiB of heap in use%n",
            user, cache.cachedProfiles(), usedHeapKiB());
}
System.out.println("If the cache went past 1,000 profiles or the heap grew, UserProfileCache still leaks: fix it and open");
System.out.println("the shell again (`./kata shell 02`). If it kept 1,000 at most and the heap stayed flat, the fix holds.");
/exit
