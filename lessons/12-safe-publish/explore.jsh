// Watch lesson 12 leak: a board whose webhook fails once, on its first change, and browsers that
// long-poll for every change after it. Each long poll is answered by the next change and done with.
// After each round, print the heap in use.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.board.*;

var bus = new BoardEventBus();
int[] webhookFailuresLeft = {1};
bus.subscribe(event -> {
    if (webhookFailuresLeft[0]-- > 0) {
        throw new IllegalArgumentException("malformed webhook URL: htps://hooks.example.com/boards");
    }
});

/** A browser waiting for the board's next change, with the response it will write: 1 KiB. */
class LongPoll implements BoardListener {
    final byte[] response = new byte[1024];
    BoardEvent answer;
    public void onEvent(BoardEvent event) {
        answer = event;
    }
}

long usedHeapKiB() {
    System.gc();
    var runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024;
}

long sequence = 0;
System.out.printf("before: %,d KiB of heap in use%n", usedHeapKiB());
try {
    bus.publish(new BoardEvent("team-board", ++sequence, "card 1 created"));
} catch (ListenerFailedException reported) {
    System.out.println("logged, as the board does: " + reported.getMessage() + ": " + reported.getCause().getMessage());
}
for (int round = 1; round <= 5; round++) {
    for (int i = 0; i < 10_000; i++) {
        bus.subscribeOnce(new LongPoll());
        bus.publish(new BoardEvent("team-board", ++sequence, "card " + sequence + " moved"));
    }
    System.out.printf("after %,7d long polls, every one answered: %,9d KiB of heap in use%n",
            round * 10_000, usedHeapKiB());
}
System.out.println("If the heap grew round after round though every long poll was answered, BoardEventBus still leaks:");
System.out.println("fix it and open the shell again (`./kata shell 12`). If it stayed near where it started, the fix holds.");
/exit
