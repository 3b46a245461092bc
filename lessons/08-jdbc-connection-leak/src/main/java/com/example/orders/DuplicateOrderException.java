package com.example.orders;

import java.sql.SQLException;

/**
 * An order with this id is stored already: the same order was submitted again, by a double-click
 * or a retried request. The checkout shows the stored order instead.
 */
public class DuplicateOrderException extends OrderStoreException {

    private static final long serialVersionUID = 1L;

    public DuplicateOrderException(String orderId, SQLException cause) {
        super("order " + orderId + " is stored already", cause);
    }
}
