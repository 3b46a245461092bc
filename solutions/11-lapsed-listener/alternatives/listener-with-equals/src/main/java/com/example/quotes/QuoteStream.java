package com.example.quotes;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The live prices of one browser tab: every quote of the symbols the tab asked for, pushed to it
 * as a server-sent event ({@code event: quote}) while the tab is open.
 *
 * <p>The server opens one when a page starts listening ({@code GET /quotes?symbols=AAPL,MSFT}),
 * with the writer of that response, and closes it when the tab goes away: the user closed it or
 * moved on, or a write to it failed. A page that wants other symbols opens a new stream.
 */
public class QuoteStream implements Closeable {

    private final PriceFeed feed;
    private final Writer browser;
    private final Set<String> symbols;
    private volatile boolean closed;

    private QuoteStream(PriceFeed feed, Writer browser, Collection<String> symbols) {
        this.feed = feed;
        this.browser = browser;
        this.symbols = new LinkedHashSet<>(symbols);
    }

    /** Starts streaming the quotes of {@code symbols} to the tab at the other end of {@code browser}. */
    public static QuoteStream open(PriceFeed feed, Writer browser, Collection<String> symbols) {
        QuoteStream stream = new QuoteStream(feed, browser, symbols);
        for (String symbol : stream.symbols) {
            feed.subscribe(symbol, new Forward(stream));
        }
        return stream;
    }

    /** Ends the stream: unsubscribes from every symbol, then closes the connection to the tab, which can fail. */
    @Override
    public void close() throws IOException {
        closed = true;
        for (String symbol : symbols) {
            feed.unsubscribe(symbol, new Forward(this));
        }
        browser.close();
    }

    private void send(Quote quote) {
        if (closed) {
            return; // a quote on its way while the tab went away
        }
        try {
            browser.write("event: quote\ndata: {\"symbol\":\"" + quote.symbol() + "\",\"price\":"
                    + quote.price().toPlainString() + "}\n\n");
            browser.flush();
        } catch (IOException tabGone) {
            closed = true; // write nothing more; the server closes the stream when it sees the error
        }
    }

    /**
     * The stream's listener. A record is equal to every other record of the same stream, so the
     * {@code Forward} made to unsubscribe finds the one made to subscribe in the feed's list.
     */
    private record Forward(QuoteStream stream) implements Consumer<Quote> {

        @Override
        public void accept(Quote quote) {
            stream.send(quote);
        }
    }
}
