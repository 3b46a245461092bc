package com.example.quotes;

import java.util.List;
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

    /** Every open subscription, in the order it was made: each quote is offered to all of them. */
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    /**
     * Calls {@code listener} with every quote of {@code symbol} from now on, in the order they come in,
     * until the subscription it returns is closed. Keep it: it is the only way to stop the quotes.
     */
    public Subscription subscribe(String symbol, Consumer<Quote> listener) {
        Registration registration = new Registration(symbol, listener);
        registrations.add(registration);
        return registration;
    }

    /** Hands a quote that has just come in to every listener of its symbol. */
    public void publish(Quote quote) {
        for (Registration registration : registrations) {
            if (registration.symbol.equals(quote.symbol())) {
                registration.listener.accept(quote);
            }
        }
    }

    /** How many subscriptions are open; published as the {@code quotes.subscriptions} gauge. */
    public int subscriptions() {
        return registrations.size();
    }

    /** An open subscription to a symbol's quotes. Closing it stops them; closing it again does nothing. */
    public interface Subscription extends AutoCloseable {

        @Override
        void close();
    }

    /** One call of {@code subscribe}; compared by identity, so closing it removes this one and no other. */
    private final class Registration implements Subscription {

        private final String symbol;
        private final Consumer<Quote> listener;

        Registration(String symbol, Consumer<Quote> listener) {
            this.symbol = symbol;
            this.listener = listener;
        }

        @Override
        public void close() {
            registrations.remove(this);
        }
    }
}
