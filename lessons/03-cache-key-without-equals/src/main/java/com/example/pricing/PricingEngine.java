package com.example.pricing;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Works out what a customer pays for a product: reads the list price from the catalogue, converts
 * it at today's exchange rate and applies the tier's discount rules. Correct, and slow.
 */
@FunctionalInterface
public interface PricingEngine {

    BigDecimal price(String productId, Currency currency, CustomerTier tier);
}
