package com.example.quotes;

import java.math.BigDecimal;

/** The latest trade price of one symbol, as the market data feed delivers it. */
public record Quote(String symbol, BigDecimal price) {
}
