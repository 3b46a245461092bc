package com.example.quotes;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.retainedBy;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The live quotes of a browser tab")
class QuoteStreamTest {

    /** The symbols most tabs ask for. */
    private static final List<String> MOST_TRADED = List.of("AAPL", "MSFT", "NVDA");

    private final PriceFeed feed = new PriceFeed();

    @ContractTest
    @DisplayName("sends the tab every quote of the symbols it asked for, in the order they came in, and no other")
    void sendsTheQuotesOfItsSymbolsInOrder() {
        Tab tab = new Tab();
        QuoteStream.open(feed, tab, List.of("AAPL", "MSFT"));

        feed.publish(quote("AAPL", "189.30"));
        feed.publish(quote("TSLA", "240.05"));
        feed.publish(quote("MSFT", "411.20"));
        feed.publish(quote("AAPL", "189.35"));
        feed.publish(quote("AAPL", "189.25"));

        assertThat(tab.events()).as("the events the tab received")
                .containsExactly(event("AAPL", "189.30"), event("MSFT", "411.20"), event("AAPL", "189.35"),
                        event("AAPL", "189.25"));
    }

    @ContractTest
    @DisplayName("sends every open tab the quotes of its own symbols, in order, however many tabs share a symbol")
    void sendsEveryTabItsOwnQuotes() {
        Tab apple = new Tab();
        Tab both = new Tab();
        Tab chips = new Tab();
        QuoteStream.open(feed, apple, List.of("AAPL"));
        QuoteStream.open(feed, both, List.of("NVDA", "AAPL"));
        QuoteStream.open(feed, chips, List.of("NVDA"));

        List<String> appleQuotes = new ArrayList<>();
        List<String> chipQuotes = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String symbol = i % 3 == 0 ? "NVDA" : "AAPL";
            String price = (i % 3 == 0 ? "880." : "189.") + (10 + i);
            feed.publish(quote(symbol, price));
            (symbol.equals("AAPL") ? appleQuotes : chipQuotes).add(event(symbol, price));
            all.add(event(symbol, price));
        }

        assertThat(apple.events()).as("the events of the tab that asked for AAPL").isEqualTo(appleQuotes);
        assertThat(both.events()).as("the events of the tab that asked for NVDA and AAPL").isEqualTo(all);
        assertThat(chips.events()).as("the events of the tab that asked for NVDA").isEqualTo(chipQuotes);
    }

    @ContractTest
    @DisplayName("sends a quote once to a tab that asked for its symbol twice")
    void sendsAQuoteOnceForASymbolAskedForTwice() {
        Tab tab = new Tab();
        QuoteStream.open(feed, tab, List.of("AAPL", "MSFT", "AAPL"));

        feed.publish(quote("AAPL", "189.30"));
        feed.publish(quote("MSFT", "411.20"));

        assertThat(tab.events()).as("the events of a tab that asked for AAPL, MSFT and AAPL again")
                .containsExactly(event("AAPL", "189.30"), event("MSFT", "411.20"));
    }

    @ContractTest
    @DisplayName("closes the tab's connection when the stream is closed, and sends it nothing more, while other tabs go on")
    void sendsNothingOnceClosed() throws IOException {
        Tab leaving = new Tab();
        Tab staying = new Tab();
        QuoteStream stream = QuoteStream.open(feed, leaving, List.of("AAPL", "MSFT"));
        QuoteStream.open(feed, staying, List.of("AAPL"));
        feed.publish(quote("AAPL", "189.30"));

        stream.close();
        feed.publish(quote("AAPL", "189.35"));
        feed.publish(quote("MSFT", "411.20"));

        assertThat(leaving.isClosed()).as("whether the closed stream's connection was closed").isTrue();
        assertThat(leaving.events()).as("the events of the tab whose stream was closed")
                .containsExactly(event("AAPL", "189.30"));
        assertThat(staying.events()).as("the events of the tab still open")
                .containsExactly(event("AAPL", "189.30"), event("AAPL", "189.35"));
    }

    @ContractTest
    @DisplayName("does nothing more when a closed stream is closed again")
    void closesOnlyOnce() throws IOException {
        Tab tab = new Tab();
        Tab other = new Tab();
        QuoteStream stream = QuoteStream.open(feed, tab, List.of("AAPL"));
        QuoteStream.open(feed, other, List.of("AAPL"));
        stream.close();

        assertThatCode(stream::close).as("closing the stream a second time").doesNotThrowAnyException();
        feed.publish(quote("AAPL", "189.30"));

        assertThat(tab.events()).as("the events of the tab whose stream was closed twice").isEmpty();
        assertThat(other.events()).as("the events of another tab of the same symbol")
                .containsExactly(event("AAPL", "189.30"));
    }

    @ContractTest
    @DisplayName("stops writing to a tab whose connection broke, and goes on sending to the others")
    void stopsWritingToATabThatWentAway() {
        Tab gone = new Tab();
        Tab staying = new Tab();
        QuoteStream stream = QuoteStream.open(feed, gone, List.of("AAPL"));
        QuoteStream.open(feed, staying, List.of("AAPL"));

        gone.goAway();
        assertThatCode(() -> {
            feed.publish(quote("AAPL", "189.30"));
            feed.publish(quote("AAPL", "189.35"));
        }).as("publishing quotes while one tab's connection is broken").doesNotThrowAnyException();
        closeAsTheServerDoes(stream, gone);
        feed.publish(quote("AAPL", "189.40"));

        assertThat(gone.writesTried()).as("the writes tried on the broken connection, the failed one included")
                .isEqualTo(1);
        assertThat(staying.events()).as("the events of the tab still open")
                .containsExactly(event("AAPL", "189.30"), event("AAPL", "189.35"), event("AAPL", "189.40"));
    }

    @ContractTest
    @DisplayName("keeps streaming to an open tab through garbage collections, though the server holds only its connection")
    void keepsAnOpenStreamSubscribed() {
        Tab tab = new Tab();
        var open = watch(() -> QuoteStream.open(feed, tab, List.of("AAPL")));

        assertThat(open).staysReachable();
        feed.publish(quote("AAPL", "189.30"));

        assertThat(tab.events()).as("the events of a tab whose stream nothing but the feed holds, after two full collections")
                .containsExactly(event("AAPL", "189.30"));
    }

    @ContractTest
    @DisplayName("counts on its gauge one subscription for each symbol of each open tab")
    void countsTheSubscriptionsOfOpenTabs() {
        assertThat(feed.subscriptions()).as("the gauge before any tab opened").isZero();

        QuoteStream.open(feed, new Tab(), List.of("AAPL", "MSFT"));
        QuoteStream.open(feed, new Tab(), List.of("AAPL"));
        QuoteStream.open(feed, new Tab(), List.of("NVDA", "NVDA"));

        assertThat(feed.subscriptions()).as("the gauge with tabs open for AAPL and MSFT, for AAPL, and for NVDA twice")
                .isEqualTo(4);
    }

    @LeakTest
    @DisplayName("lets a closed stream be garbage collected, though other tabs still watch its symbols")
    void releasesAClosedStream() {
        QuoteStream.open(feed, Writer.nullWriter(), List.of("AAPL", "MSFT"));
        var closed = watch(() -> {
            Tab tab = new Tab();
            QuoteStream stream = QuoteStream.open(feed, tab, List.of("AAPL", "MSFT"));
            feed.publish(quote("AAPL", "189.30"));
            closeAsTheServerDoes(stream, tab);
            return stream;
        });

        assertThat(closed).isCollectable();
    }

    @LeakTest
    @DisplayName("lets the stream of a tab whose connection broke be garbage collected once it is closed")
    void releasesTheStreamOfATabThatWentAway() {
        QuoteStream.open(feed, Writer.nullWriter(), List.of("AAPL", "MSFT"));
        var closed = watch(() -> {
            Tab tab = new Tab();
            QuoteStream stream = QuoteStream.open(feed, tab, List.of("AAPL", "MSFT"));
            tab.goAway();
            feed.publish(quote("AAPL", "189.30")); // the write fails: this is how the server learns the tab is gone
            closeAsTheServerDoes(stream, tab);
            return stream;
        });

        assertThat(closed).isCollectable();
    }

    @LeakTest
    @DisplayName("lets a closed stream be garbage collected when it was the last to watch its symbols")
    void releasesTheLastStreamOfItsSymbols() {
        var closed = watch(() -> {
            Tab tab = new Tab();
            QuoteStream stream = QuoteStream.open(feed, tab, List.of("AAPL", "MSFT"));
            feed.publish(quote("MSFT", "411.20"));
            closeAsTheServerDoes(stream, tab);
            return stream;
        });

        assertThat(closed).isCollectable();
    }

    @LeakTest
    @DisplayName("holds no more memory after 10,000 tabs opened and closed, some of them after their connection broke")
    void holdsNoMoreAfterManyTabs() {
        // A tab that stays open all day, and a first round of traffic: from here on the feed holds what it always will.
        QuoteStream.open(feed, Writer.nullWriter(), MOST_TRADED);
        for (int i = 0; i < 100; i++) {
            aTabComesAndGoes(i);
        }

        assertThat(retainedBy(feed))
                .whileRepeating(10_000, this::aTabComesAndGoes)
                .growsByAtMost(16 * 1024);
    }

    @LeakTest
    @DisplayName("holds nothing for symbols nobody watches any more, while tabs watch new option contracts all day")
    void holdsNothingForSymbolsNobodyWatches() {
        QuoteStream.open(feed, Writer.nullWriter(), List.of("AAPL"));

        assertThat(retainedBy(feed))
                .whileRepeating(10_000, i -> {
                    Tab tab = new Tab();
                    QuoteStream stream = QuoteStream.open(feed, tab, List.of("AAPL", optionContract(i)));
                    feed.publish(quote(optionContract(i), "4.15"));
                    feed.publish(quote("AAPL", "189.30"));
                    closeAsTheServerDoes(stream, tab);
                })
                .growsByAtMost(16 * 1024);
    }

    /**
     * One tab of a trading day: it asks for two of the most traded symbols, receives a quote, and goes
     * away. One tab in ten breaks its connection first (a laptop closed, a train in a tunnel), so the
     * server learns of it from a failed write.
     */
    private void aTabComesAndGoes(int i) {
        Tab tab = new Tab();
        QuoteStream stream = QuoteStream.open(feed, tab,
                List.of(MOST_TRADED.get(i % 3), MOST_TRADED.get((i + 1) % 3)));
        if (i % 10 == 9) {
            tab.goAway();
        }
        feed.publish(quote(MOST_TRADED.get(i % 3), "100." + (i % 100)));
        closeAsTheServerDoes(stream, tab);
    }

    /**
     * Closes a stream as the server does when its tab goes away: an error from a connection that
     * broke is expected (the server logs it); from any other, it is not.
     */
    private static void closeAsTheServerDoes(QuoteStream stream, Tab tab) {
        try {
            stream.close();
        } catch (IOException e) {
            if (!tab.isGone()) {
                throw new UncheckedIOException("closing the stream of a tab whose connection is fine failed", e);
            }
        }
    }

    private static Quote quote(String symbol, String price) {
        return new Quote(symbol, new BigDecimal(price));
    }

    /** The server-sent event a tab receives for a quote, without the blank line that ends it. */
    private static String event(String symbol, String price) {
        return "event: quote\ndata: {\"symbol\":\"" + symbol + "\",\"price\":" + price + "}";
    }

    /**
     * A different option contract on AAPL for each {@code i}, named as exchanges name them: a call
     * expiring on a Friday, at a strike price. A new symbol, quoted while someone watches it.
     */
    private static String optionContract(int i) {
        LocalDate expiry = LocalDate.of(2025, 1, 3).plusWeeks(i / 200);
        return "AAPL" + expiry.format(DateTimeFormatter.ofPattern("yyMMdd")) + "C"
                + String.format("%08d", 100_000 + i % 200 * 500);
    }

    /** The browser tab at the other end of a stream, as its connection sees it. */
    private static final class Tab extends Writer {

        private final StringBuilder received = new StringBuilder();
        private boolean gone;
        private boolean closed;
        private int writesTried;

        /** The user closed the laptop or lost the network: every write and close from now on fails. */
        void goAway() {
            gone = true;
        }

        boolean isGone() {
            return gone;
        }

        boolean isClosed() {
            return closed;
        }

        /** The writes tried since the tab went away (before, every write succeeds). */
        int writesTried() {
            return writesTried;
        }

        /** The events received, in order, each without the blank line that ends it. */
        List<String> events() {
            List<String> events = new ArrayList<>();
            for (String event : received.toString().split("\n\n")) {
                if (!event.isEmpty()) {
                    events.add(event);
                }
            }
            return events;
        }

        @Override
        public void write(char[] characters, int offset, int length) throws IOException {
            if (gone) {
                writesTried++;
                throw new IOException("Broken pipe");
            }
            received.append(characters, offset, length);
        }

        @Override
        public void flush() throws IOException {
            if (gone) {
                throw new IOException("Broken pipe");
            }
        }

        @Override
        public void close() throws IOException {
            if (gone) {
                throw new IOException("Broken pipe");
            }
            closed = true;
        }
    }
}
