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

    /** Calls {@code listener} with every quote of {@code symbol} from now on, in the order they come in. */
    public void subscribe(String symbol, Consumer<Quote> listener) {
        listeners.compute(symbol, (s, forSymbol) -> {
            List<Consumer<Quote>> updated = forSymbol != null ? forSymbol : new CopyOnWriteArrayList<>();
            updated.add(listener);
            return updated;
        });
    }

    /** Stops calling {@code listener} with the quotes of {@code symbol}. */
    public void unsubscribe(String symbol, Consumer<Quote> listener) {
        listeners.computeIfPresent(symbol, (s, forSymbol) -> {
            forSymbol.remove(listener);
            return forSymbol.isEmpty() ? null : forSymbol;
        });
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
}
