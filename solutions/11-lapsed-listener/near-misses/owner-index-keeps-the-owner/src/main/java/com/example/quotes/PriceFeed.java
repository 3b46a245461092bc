package com.example.quotes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The quotes server's one link to the market: every quote that comes in goes to whoever listens to
 * its symbol.
 *
 * <p>One instance lives as long as the server, which runs for weeks. The market data thread calls
 * {@link #publish}; request threads subscribe and unsubscribe as browser tabs come and go.
 */
public class PriceFeed {

    /** The listeners of each symbol, in the order they subscribed; a symbol nobody listens to has none. */
    private final Map<String, List<Consumer<Quote>>> listeners = new ConcurrentHashMap<>();
    /** What each owner subscribed, by symbol: one call undoes all of it, with the very listeners subscribed. */
    private final Map<Object, Map<String, Consumer<Quote>>> byOwner = new ConcurrentHashMap<>();

    /**
     * Calls {@code listener} with every quote of {@code symbol} from now on, in the order they come in,
     * until {@code owner} unsubscribes.
     */
    public void subscribe(Object owner, String symbol, Consumer<Quote> listener) {
        listeners.compute(symbol, (s, forSymbol) -> {
            List<Consumer<Quote>> updated = forSymbol != null ? forSymbol : new CopyOnWriteArrayList<>();
            updated.add(listener);
            return updated;
        });
        byOwner.computeIfAbsent(owner, o -> new ConcurrentHashMap<>()).put(symbol, listener);
    }

    /** Stops every listener {@code owner} subscribed. */
    public void unsubscribeAll(Object owner) {
        Map<String, Consumer<Quote>> subscribed = byOwner.get(owner);
        if (subscribed == null) {
            return;
        }
        subscribed.forEach(this::unsubscribe);
        subscribed.clear();
    }

    /** Hands a quote that has just come in to every listener of its symbol. */
    public void publish(Quote quote) {
        for (Consumer<Quote> listener : listeners.getOrDefault(quote.symbol(), List.of())) {
            listener.accept(quote);
        }
    }

    /** How many subscriptions are open; published as the {@code quotes.subscriptions} gauge. */
    public int subscriptions() {
        return listeners.values().stream().mapToInt(List::size).sum();
    }

    private void unsubscribe(String symbol, Consumer<Quote> listener) {
        listeners.computeIfPresent(symbol, (s, forSymbol) -> {
            forSymbol.remove(listener);
            return forSymbol.isEmpty() ? null : forSymbol;
        });
    }
}
