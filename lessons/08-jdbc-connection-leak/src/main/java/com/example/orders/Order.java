package com.example.orders;

import java.util.Objects;

/**
 * An order as the checkout places it. The checkout page makes the id, so that submitting the same
 * order twice cannot place it twice.
 */
public record Order(String id, String customer, long totalCents) {

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        if (totalCents < 0) {
            throw new IllegalArgumentException("totalCents must not be negative");
        }
    }
}
