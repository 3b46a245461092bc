package com.example.pricing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
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

    private final PricingEngine engine;
    /**
     * Product id, then currency, then tier: every level keyed by a type with value equality. A level
     * is created only to hold a price the engine has computed, so it is never empty.
     */
    private final ConcurrentMap<String, ConcurrentMap<Currency, ConcurrentMap<CustomerTier, BigDecimal>>> quotes =
            new ConcurrentHashMap<>();

    public QuoteService(PricingEngine engine) {
        this.engine = engine;
    }

    /** What a customer of {@code tier} pays for {@code productId}, in {@code currency}. */
    public BigDecimal quote(String productId, Currency currency, CustomerTier tier) {
        BigDecimal cached = cached(productId, currency, tier);
        if (cached != null) {
            return cached;
        }
        BigDecimal price = engine.price(productId, currency, tier);
        // Two threads asking for the same new quote at once may both have asked the engine: the first
        // price stored wins, and both return it.
        return quotes.computeIfAbsent(productId, product -> new ConcurrentHashMap<>())
                .computeIfAbsent(currency, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(tier, t -> price);
    }

    /** How many quotes are cached; published as the {@code pricing.quotes.cached} gauge. */
    public int cachedQuotes() {
        return quotes.values().stream()
                .flatMap(byCurrency -> byCurrency.values().stream())
                .mapToInt(Map::size)
                .sum();
    }

    private BigDecimal cached(String productId, Currency currency, CustomerTier tier) {
        Map<Currency, ConcurrentMap<CustomerTier, BigDecimal>> byCurrency = quotes.get(productId);
        if (byCurrency == null) {
            return null;
        }
        Map<CustomerTier, BigDecimal> byTier = byCurrency.get(currency);
        return byTier == null ? null : byTier.get(tier);
    }
}
