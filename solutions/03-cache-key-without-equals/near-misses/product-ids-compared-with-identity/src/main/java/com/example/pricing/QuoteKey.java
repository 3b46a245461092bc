package com.example.pricing;

import java.util.Currency;
import java.util.Objects;

/** What a quote depends on: the product, the currency it is quoted in and the customer's tier. */
final class QuoteKey {

    private final String productId;
    private final Currency currency;
    private final CustomerTier tier;

    QuoteKey(String productId, Currency currency, CustomerTier tier) {
        this.productId = Objects.requireNonNull(productId, "productId");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.tier = Objects.requireNonNull(tier, "tier");
    }

    String getProductId() {
        return productId;
    }

    Currency getCurrency() {
        return currency;
    }

    CustomerTier getTier() {
        return tier;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        QuoteKey other = (QuoteKey) o;
        return productId == other.productId && currency == other.currency && tier == other.tier;
    }

    @Override
    public int hashCode() {
        return Objects.hash(productId, currency, tier);
    }

    @Override
    public String toString() {
        return productId + " in " + currency + " for " + tier;
    }
}
