// Watch lesson 04 leak: run a busy meeting in rounds. In every round, people join, are sent to a
// breakout room and leave again; after each round, print what the gauge counts and the heap in use.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.meetings.*;

var registry = new SessionRegistry();

long usedHeapKiB() {
    System.gc();
    var runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024;
}

System.out.printf("before: %,d KiB of heap in use%n", usedHeapKiB());
int joined = 0;
for (int round = 1; round <= 5; round++) {
    for (int i = 0; i < 200_000; i++, joined++) {
        MediaSession session = registry.open("participant-" + joined, "main");
        registry.move(session, "breakout-" + joined % 8);
        registry.close(session);
    }
    System.out.printf("after %,9d people joined, were moved and left: %,9d sessions open, %,9d KiB of heap in use%n",
            joined, registry.openSessions(), usedHeapKiB());
}
var webinar = new SessionRegistry();
for (int i = 0; i < 200_000; i++) {
    webinar.close(webinar.open("viewer-" + i, "main"));
}
System.out.printf("a webinar where nobody is moved: 200,000 joined and left, %,d sessions open%n", webinar.openSessions());
System.out.println("If sessions stayed open after everyone left, the registry still leaks: fix it and open the shell again");
System.out.println("(`./kata shell 04`). If none stayed open and the heap stayed flat, the fix holds.");
/exit
