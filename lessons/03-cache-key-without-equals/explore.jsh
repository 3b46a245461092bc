// Watch lesson 03 leak: ask for the same 45 quotes in rounds and print, after each round, how many
// quotes are cached, how often the engine was called and the heap in use.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.pricing.*;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

var engineCalls = new AtomicLong();
PricingEngine engine = (productId, currency, tier) -> {
    engineCalls.incrementAndGet();
    return new BigDecimal("19.90");
};
var quotes = new QuoteService(engine);
var currencies = List.of(Currency.getInstance("EUR"), Currency.getInstance("USD"), Currency.getInstance("GBP"));
var tiers = CustomerTier.values();

long usedHeapKiB() {
    System.gc();
    var runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024;
}

System.out.printf("before: %,d KiB of heap in use%n", usedHeapKiB());
for (int round = 1; round <= 5; round++) {
    for (int i = 0; i < 200_000; i++) {
        quotes.quote("SKU-" + (1001 + i % 5), currencies.get(i / 5 % 3), tiers[i / 15 % 3]);
    }
    System.out.printf("after %,9d quotes: %,9d cached, %,9d engine calls, %,9d KiB of heap in use%n",
            round * 200_000, quotes.cachedQuotes(), engineCalls.get(), usedHeapKiB());
}
System.out.println("and there are only 45 different quotes among them.");
System.out.println("If the quotes cached or the engine calls went past 45, the cache still leaks: fix it and open the shell");
System.out.println("again (`./kata shell 03`). If both stopped at 45, the fix holds.");
/exit
