package com.example.reports;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One line of a report: a booking on an account of the ledger. */
public record Row(LocalDate date, String account, String description, BigDecimal amount) {
}
