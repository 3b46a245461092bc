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
 * {@link #publish}; request threads subscribe, and close their subscriptions, as browser tabs come
 * and go.
 */
public class PriceFeed {

    /** The open subscriptions of each symbol, in the order they were made; a symbol nobody listens to has none. */
    private final Map<String, List<Listening>> listeners = new ConcurrentHashMap<>();

    /**
     * Calls {@code listener} with every quote of {@code symbol} from now on, in the order they come in,
     * until the subscription it returns is closed. Keep it: it is the only way to stop the quotes.
     */
    public Subscription subscribe(String symbol, Consumer<Quote> listener) {
        Listening listening = new Listening(symbol, listener);
        listeners.compute(symbol, (s, forSymbol) -> {
            List<Listening> updated = forSymbol != null ? forSymbol : new CopyOnWriteArrayList<>();
            updated.add(listening);
            return updated;
        });
        return listening;
    }

    /** Hands a quote that has just come in to every listener of its symbol. */
    public void publish(Quote quote) {
        for (Listening listening : listeners.getOrDefault(quote.symbol(), List.of())) {
            listening.listener.accept(quote);
        }
    }

    /** How many subscriptions are open; published as the {@code quotes.subscriptions} gauge. */
    public int subscriptions() {
        return listeners.values().stream().mapToInt(List::size).sum();
    }

    /** An open subscription to a symbol's quotes. Closing it stops them; closing it again does nothing. */
    public interface Subscription extends AutoCloseable {

        @Override
        void close();
    }

    /** One call of {@code subscribe}: an object of its own, so that closing it removes this one and no other. */
    private final class Listening implements Subscription {

        private final String symbol;
        private final Consumer<Quote> listener;

        Listening(String symbol, Consumer<Quote> listener) {
            this.symbol = symbol;
            this.listener = listener;
        }

        @Override
        public void close() {
            listeners.computeIfPresent(symbol, (s, forSymbol) -> {
                forSymbol.remove(this);
                return forSymbol.isEmpty() ? null : forSymbol;
            });
        }
    }
}
