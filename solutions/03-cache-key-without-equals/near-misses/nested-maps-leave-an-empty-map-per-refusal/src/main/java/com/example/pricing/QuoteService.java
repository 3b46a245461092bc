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
     * Product id, then currency, then tier: keyed by values that have {@code equals} and
     * {@code hashCode} already, so a quote computed once is found again.
     */
    private final ConcurrentMap<String, ConcurrentMap<Currency, ConcurrentMap<CustomerTier, BigDecimal>>> quotes =
            new ConcurrentHashMap<>();

    public QuoteService(PricingEngine engine) {
        this.engine = engine;
    }

    /** What a customer of {@code tier} pays for {@code productId}, in {@code currency}. */
    public BigDecimal quote(String productId, Currency currency, CustomerTier tier) {
        return quotes.computeIfAbsent(productId, product -> new ConcurrentHashMap<>())
                .computeIfAbsent(currency, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(tier, t -> engine.price(productId, currency, tier));
    }

    /** How many quotes are cached; published as the {@code pricing.quotes.cached} gauge. */
    public int cachedQuotes() {
        return quotes.values().stream()
                .flatMap(byCurrency -> byCurrency.values().stream())
                .mapToInt(Map::size)
                .sum();
    }
}
