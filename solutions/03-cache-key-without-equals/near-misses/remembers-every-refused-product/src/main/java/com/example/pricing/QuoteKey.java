package com.example.pricing;

import java.util.Currency;
import java.util.Objects;

/**
 * What a quote depends on: the product, the currency it is quoted in and the customer's tier.
 *
 * <p>A record: two keys with equal components are equal and have the same hash code, so the cache
 * finds a quote again whichever {@code QuoteKey} instance asks for it.
 */
record QuoteKey(String productId, Currency currency, CustomerTier tier) {

    QuoteKey {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(tier, "tier");
    }

    @Override
    public String toString() {
        return productId + " in " + currency + " for " + tier;
    }
}
