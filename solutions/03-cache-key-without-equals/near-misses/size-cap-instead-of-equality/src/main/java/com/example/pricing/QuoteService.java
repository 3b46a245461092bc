package com.example.pricing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Quotes prices for the product pages and the checkout.
 *
 * <p>One instance lives as long as the application. Prices change only with a new catalogue,
 * which comes with a restart, so every quote is computed once by the {@link PricingEngine} and
 * served from memory after that.
 */
public class QuoteService {

    /** Far more than the catalogue's products × currencies × tiers: only a runaway cache reaches it. */
    static final int MAX_CACHED_QUOTES = 50_000;

    private final PricingEngine engine;
    private final ConcurrentMap<QuoteKey, BigDecimal> quotes = new ConcurrentHashMap<>();

    public QuoteService(PricingEngine engine) {
        this.engine = engine;
    }

    /** What a customer of {@code tier} pays for {@code productId}, in {@code currency}. */
    public BigDecimal quote(String productId, Currency currency, CustomerTier tier) {
        if (quotes.size() >= MAX_CACHED_QUOTES) {
            quotes.clear();
        }
        return quotes.computeIfAbsent(new QuoteKey(productId, currency, tier),
                key -> engine.price(key.getProductId(), key.getCurrency(), key.getTier()));
    }

    /** How many quotes are cached; published as the {@code pricing.quotes.cached} gauge. */
    public int cachedQuotes() {
        return quotes.size();
    }
}
