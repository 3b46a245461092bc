package com.example.quotes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The quotes server's one link to the market: every quote that comes in goes to whoever listens to
 * its symbol.
 *
 * <p>One instance lives as long as the server, which runs for weeks. The market data thread calls
 * {@link #publish}; request threads subscribe as browser tabs open. Listeners leave on their own:
 * no one has to find them again to unsubscribe them.
 */
public class PriceFeed {

    /** The listeners of each symbol, in the order they subscribed. */
    private final Map<String, List<Predicate<Quote>>> listeners = new ConcurrentHashMap<>();

    /**
     * Calls {@code listener} with every quote of {@code symbol} from now on, in the order they come in,
     * for as long as it returns {@code true}. A listener that returns {@code false} wants no more
     * quotes: the feed drops it.
     */
    public void subscribe(String symbol, Predicate<Quote> listener) {
        listeners.computeIfAbsent(symbol, s -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Hands a quote that has just come in to every listener of its symbol, and drops those that are done. */
    public void publish(Quote quote) {
        List<Predicate<Quote>> forSymbol = listeners.getOrDefault(quote.symbol(), List.of());
        for (Predicate<Quote> listener : forSymbol) {
            if (!listener.test(quote)) {
                forSymbol.remove(listener);
            }
        }
    }

    /** How many subscriptions are open; published as the {@code quotes.subscriptions} gauge. */
    public int subscriptions() {
        return listeners.values().stream().mapToInt(List::size).sum();
    }
}
