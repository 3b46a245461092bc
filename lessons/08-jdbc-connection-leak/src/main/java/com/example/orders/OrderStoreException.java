package com.example.orders;

import java.sql.SQLException;

/** The orders table could not be written or read. */
public class OrderStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OrderStoreException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
