package com.example.pricing;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.entries;
import static dev.leakproof.LeakAssertions.liveInstances;
import static dev.leakproof.LeakAssertions.retainedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The quote service")
class QuoteServiceTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final List<Currency> CURRENCIES = List.of(EUR, USD, GBP);
    private static final CustomerTier[] TIERS = CustomerTier.values();

    /** Five products, priced in euros; ids built with {@link #sku(int)}. */
    private static final Map<String, BigDecimal> LIST_PRICES = Map.of(
            "SKU-1001", new BigDecimal("19.90"),
            "SKU-1002", new BigDecimal("4.50"),
            "SKU-1003", new BigDecimal("120.00"),
            "SKU-1004", new BigDecimal("7.25"),
            "SKU-1005", new BigDecimal("59.00"));
    private static final Map<Currency, BigDecimal> RATES = Map.of(
            EUR, BigDecimal.ONE, USD, new BigDecimal("1.10"), GBP, new BigDecimal("0.85"));
    private static final Map<CustomerTier, BigDecimal> DISCOUNTS = Map.of(
            CustomerTier.STANDARD, BigDecimal.ZERO,
            CustomerTier.SILVER, new BigDecimal("0.05"),
            CustomerTier.GOLD, new BigDecimal("0.10"));

    /** A small, deterministic stand-in for the real engine: list price, exchange rate, discount. */
    private static final PricingEngine ENGINE = (productId, currency, tier) -> {
        BigDecimal listPrice = LIST_PRICES.get(productId);
        if (listPrice == null) {
            throw new IllegalArgumentException("no such product: " + productId);
        }
        return listPrice.multiply(RATES.get(currency))
                .multiply(BigDecimal.ONE.subtract(DISCOUNTS.get(tier)))
                .setScale(2, RoundingMode.HALF_EVEN);
    };

    private final QuoteService quotes = new QuoteService(ENGINE);

    @ContractTest
    @DisplayName("quotes the price the engine computes for the product, currency and tier")
    void quotesTheEnginesPrice() {
        assertThat(quotes.quote(sku(1001), EUR, CustomerTier.STANDARD)).as("SKU-1001 in EUR for STANDARD")
                .isEqualByComparingTo("19.90");
        assertThat(quotes.quote(sku(1003), USD, CustomerTier.GOLD)).as("SKU-1003 in USD for GOLD")
                .isEqualByComparingTo("118.80");
    }

    @ContractTest
    @DisplayName("gives every product, currency and tier its own price")
    void keepsPricesApart() {
        for (int product = 1001; product <= 1005; product++) {
            for (Currency currency : CURRENCIES) {
                for (CustomerTier tier : TIERS) {
                    assertThat(quotes.quote(sku(product), currency, tier))
                            .as("%s in %s for %s", sku(product), currency, tier)
                            .isEqualTo(ENGINE.price(sku(product), currency, tier));
                }
            }
        }
        assertThat(quotes.quote(sku(1005), GBP, CustomerTier.SILVER)).as("SKU-1005 in GBP for SILVER")
                .isEqualByComparingTo("47.64");
    }

    @ContractTest
    @DisplayName("quotes the same price every time it is asked")
    void quotesTheSamePriceAgain() {
        BigDecimal first = quotes.quote(sku(1002), GBP, CustomerTier.SILVER);

        assertThat(quotes.quote(sku(1002), GBP, CustomerTier.SILVER))
                .as("SKU-1002 in GBP for SILVER, asked for a second time").isEqualTo(first);
        assertThat(quotes.quote(sku(1002), GBP, CustomerTier.SILVER))
                .as("SKU-1002 in GBP for SILVER, asked for a third time").isEqualTo(first);
    }

    @ContractTest
    @DisplayName("counts on its gauge the quotes it has cached, none before the first")
    void gaugeCountsCachedQuotes() {
        assertThat(quotes.cachedQuotes()).as("the gauge before the first quote").isZero();

        quotes.quote(sku(1001), EUR, CustomerTier.STANDARD);
        quotes.quote(sku(1001), USD, CustomerTier.STANDARD);
        quotes.quote(sku(1004), USD, CustomerTier.GOLD);

        assertThat(quotes.cachedQuotes()).as("the gauge after three different quotes").isEqualTo(3);
    }

    @ContractTest
    @DisplayName("passes on the engine's refusal and caches nothing for it")
    void cachesNoFailure() {
        assertThatThrownBy(() -> quotes.quote(sku(9999), EUR, CustomerTier.STANDARD))
                .as("a quote for SKU-9999, a product the engine does not know")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SKU-9999");
        assertThat(quotes.cachedQuotes()).as("the gauge after the engine refused a quote").isZero();
    }

    @LeakTest
    @DisplayName("keeps one cached quote however often the same quote is asked for")
    void cachesARepeatedQuoteOnce() {
        assertThat(entries(quotes::cachedQuotes))
                .whileRepeating(10_000, i -> quotes.quote(sku(1001), EUR, CustomerTier.GOLD))
                .growsByAtMost(1);
    }

    @LeakTest
    @DisplayName("keeps no more quote keys in memory than there are different quotes")
    void keepsOneKeyPerDifferentQuote() {
        int differentQuotes = LIST_PRICES.size() * CURRENCIES.size() * TIERS.length;

        assertThat(liveInstances(QuoteKey.class))
                .whileRepeating(10_000, i -> quotes.quote(
                        sku(1001 + i % 5), CURRENCIES.get(i / 5 % 3), TIERS[i / 15 % 3]))
                .growsByAtMost(differentQuotes);
    }

    @LeakTest
    @DisplayName("holds no more memory after 20,000 more requests, for known and unknown products alike, than once every quote is cached")
    void holdsABoundedAmountOfMemoryForEveryAnswer() {
        // Every different quote cached first, and one refusal: from here on, a quote asked for again
        // must be found, and a quote for a product the engine does not know must leave nothing behind.
        for (int i = 0; i < 45; i++) {
            quotes.quote(sku(1001 + i % 5), CURRENCIES.get(i / 5 % 3), TIERS[i / 15 % 3]);
        }
        refused(sku(10_000), EUR, CustomerTier.STANDARD);

        assertThat(retainedBy(quotes))
                .whileRepeating(20_000, i -> {
                    Currency currency = CURRENCIES.get(i / 2 % 3);
                    CustomerTier tier = TIERS[i / 6 % 3];
                    if (i % 2 == 0) {
                        quotes.quote(sku(1001 + i / 18 % 5), currency, tier);
                    } else {
                        refused(sku(20_000 + i), currency, tier);
                    }
                })
                .growsByAtMost(8 * 1024);
    }

    /** Asks for a quote the engine refuses, as a request for an unknown product does; fails if it is not refused. */
    private void refused(String productId, Currency currency, CustomerTier tier) {
        try {
            BigDecimal price = quotes.quote(productId, currency, tier);
            throw new IllegalStateException("expected the engine to refuse " + productId + ", but it quoted " + price);
        } catch (IllegalArgumentException refusal) {
            // the engine does not know the product: the answer a client gets
        }
    }

    /** A product id made afresh on every call, as a request parser would. */
    private static String sku(int number) {
        return "SKU-" + number;
    }
}
