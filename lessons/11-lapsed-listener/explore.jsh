// Watch lesson 11 leak: in rounds, let browser tabs open a quote stream, receive a quote and go
// away again, while one tab stays open. After each round, print what the feed's gauge counts and
// the heap in use.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.quotes.*;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

var feed = new PriceFeed();
var symbols = List.of("AAPL", "MSFT", "NVDA");

long usedHeapKiB() {
    System.gc();
    var runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024;
}

/** A tab's connection: a response writer with a small buffer of its own, as a server gives each response. */
Writer connection() {
    return new BufferedWriter(Writer.nullWriter(), 512);
}

void aTabComesAndGoes(int tab) throws IOException {
    QuoteStream stream = QuoteStream.open(feed, connection(), List.of(symbols.get(tab % 3), symbols.get((tab + 1) % 3)));
    feed.publish(new Quote(symbols.get(tab % 3), new BigDecimal("189.30")));
    stream.close();
}

QuoteStream.open(feed, connection(), symbols); // one tab stays open all along
System.out.printf("before: %,d subscriptions on the gauge, %,9d KiB of heap in use%n", feed.subscriptions(), usedHeapKiB());
int tabs = 0;
for (int round = 1; round <= 5; round++) {
    for (int i = 0; i < 5_000; i++) {
        aTabComesAndGoes(tabs++);
    }
    System.out.printf("after %,6d tabs opened and closed, 1 still open: %,6d subscriptions on the gauge, %,9d KiB of heap in use%n",
            tabs, feed.subscriptions(), usedHeapKiB());
}
System.out.println("If the gauge or the heap grew round after round, closed streams are still in the feed: fix it and open the");
System.out.println("shell again (`./kata shell 11`). If the gauge stayed at 3 and the heap stayed flat, the fix holds.");
/exit
