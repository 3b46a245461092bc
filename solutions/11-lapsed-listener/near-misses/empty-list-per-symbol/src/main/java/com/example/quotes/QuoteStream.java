package com.example.quotes;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The live prices of one browser tab: every quote of the symbols the tab asked for, pushed to it
 * as a server-sent event ({@code event: quote}) while the tab is open.
 *
 * <p>The server opens one when a page starts listening ({@code GET /quotes?symbols=AAPL,MSFT}),
 * with the writer of that response, and closes it when the tab goes away: the user closed it or
 * moved on, or a write to it failed. A page that wants other symbols opens a new stream.
 */
public class QuoteStream implements Closeable {

    private final Writer browser;
    private final Set<String> symbols;
    /** What the feed gave back for each symbol: the only way to stop its quotes. */
    private final List<PriceFeed.Subscription> subscriptions = new ArrayList<>();
    private volatile boolean closed;

    private QuoteStream(Writer browser, Collection<String> symbols) {
        this.browser = browser;
        this.symbols = new LinkedHashSet<>(symbols);
    }

    /** Starts streaming the quotes of {@code symbols} to the tab at the other end of {@code browser}. */
    public static QuoteStream open(PriceFeed feed, Writer browser, Collection<String> symbols) {
        QuoteStream stream = new QuoteStream(browser, symbols);
        for (String symbol : stream.symbols) {
            stream.subscriptions.add(feed.subscribe(symbol, stream::send));
        }
        return stream;
    }

    /** Ends the stream: closes every subscription, then the connection to the tab, which can fail. */
    @Override
    public void close() throws IOException {
        closed = true;
        subscriptions.forEach(PriceFeed.Subscription::close);
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
}
