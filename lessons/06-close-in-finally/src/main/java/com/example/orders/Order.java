package com.example.orders;

/** One row of a partner's order file: which order, which product, how many. */
public record Order(String orderId, String sku, int quantity) {
}
