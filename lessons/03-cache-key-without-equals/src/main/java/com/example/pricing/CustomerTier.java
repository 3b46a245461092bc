package com.example.pricing;

/** The customer's contract level; better tiers get bigger discounts. */
public enum CustomerTier {
    STANDARD, SILVER, GOLD
}
