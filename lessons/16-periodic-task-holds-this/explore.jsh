// Watch lesson 16 leak: in rounds, let tenants open their flags, look at a few and go idle, so that
// their flags are closed, while one tenant stays open. After each round, print how many tasks wait
// in the scheduler's queue and the heap in use.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.flags.*;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

var scheduler = BackgroundScheduler.create();

/** A flag service that answers at once: 50 flags for every tenant, each fetch a new map. */
FlagService service = new FlagService() {
    public Map<String, Boolean> fetchFlags(String tenant) {
        Map<String, Boolean> flags = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            flags.put("experiment-" + i, i % 3 == 0);
        }
        return flags;
    }

    public void reportUsage(String tenant, Map<String, Long> evaluations) {
    }
};

long usedHeapKiB() {
    System.gc();
    var runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024;
}

void aTenantComesAndGoes(int tenant) throws Exception {
    TenantFlags flags = TenantFlags.open(scheduler, service, "tenant-" + tenant, Duration.ofSeconds(30), Duration.ofHours(1));
    flags.isEnabled("experiment-" + tenant % 50);
    flags.close();
}

TenantFlags.open(scheduler, service, "open-all-day", Duration.ofSeconds(30), Duration.ofHours(1));
System.out.printf("before: %,6d tasks in the scheduler's queue, %,9d KiB of heap in use%n", scheduler.getQueue().size(), usedHeapKiB());
int tenants = 0;
for (int round = 1; round <= 5; round++) {
    for (int i = 0; i < 5_000; i++) {
        aTenantComesAndGoes(tenants++);
    }
    System.out.printf("after %,6d tenants opened and closed, 1 still open: %,6d tasks in the scheduler's queue, %,9d KiB of heap in use%n",
            tenants, scheduler.getQueue().size(), usedHeapKiB());
}
System.out.println("If the queue or the heap grew round after round, closed tenants are still on the scheduler: fix it and open");
System.out.println("the shell again (`./kata shell 16`). If the queue stayed at 2 and the heap stayed flat, the fix holds.");
scheduler.shutdownNow();
/exit
