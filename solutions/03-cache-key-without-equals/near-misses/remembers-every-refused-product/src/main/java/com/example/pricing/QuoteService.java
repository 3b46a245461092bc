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

    private final PricingEngine engine;
    private final ConcurrentMap<QuoteKey, BigDecimal> quotes = new ConcurrentHashMap<>();
    /**
     * Products the engine refused, with its answer: the catalogue only changes with a restart, so a
     * product it does not know now it will not know later, and the slow engine need not be asked again.
     */
    private final ConcurrentMap<String, IllegalArgumentException> refusedProducts = new ConcurrentHashMap<>();

    public QuoteService(PricingEngine engine) {
        this.engine = engine;
    }

    /** What a customer of {@code tier} pays for {@code productId}, in {@code currency}. */
    public BigDecimal quote(String productId, Currency currency, CustomerTier tier) {
        IllegalArgumentException refused = refusedProducts.get(productId);
        if (refused != null) {
            throw refused;
        }
        try {
            return quotes.computeIfAbsent(new QuoteKey(productId, currency, tier),
                    key -> engine.price(key.productId(), key.currency(), key.tier()));
        } catch (IllegalArgumentException e) {
            refusedProducts.put(productId, e);
            throw e;
        }
    }

    /** How many quotes are cached; published as the {@code pricing.quotes.cached} gauge. */
    public int cachedQuotes() {
        return quotes.size();
    }
}
