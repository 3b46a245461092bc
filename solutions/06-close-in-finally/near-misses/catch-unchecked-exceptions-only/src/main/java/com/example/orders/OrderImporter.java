package com.example.orders;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the order files partners drop into the inbox.
 *
 * <p>A file is a CSV with a header line ({@code order_id,sku,quantity}) and one order per row.
 * The import job books the orders of a file all together, or none of them: a file with a
 * malformed row stays in the inbox, the partner is told which line to fix, and the job tries the
 * file again on its next run, once a minute.
 */
public class OrderImporter {

    private final OrderInbox inbox;

    public OrderImporter(OrderInbox inbox) {
        this.inbox = inbox;
    }

    /**
     * Every order of the file, in the order of its rows.
     *
     * @throws MalformedOrderException if a row is not an order; nothing of the file is returned
     */
    public List<Order> importFile(String fileName) throws IOException {
        BufferedReader reader = inbox.open(fileName);
        List<Order> orders = new ArrayList<>();
        try {
            reader.readLine(); // the header
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    orders.add(parse(line, lineNumber));
                }
            }
        } catch (RuntimeException | Error failure) {
            try {
                reader.close();
            } catch (IOException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
        reader.close();
        return orders;
    }

    private static Order parse(String line, int lineNumber) {
        String[] fields = line.split(",", -1);
        if (fields.length != 3) {
            throw new MalformedOrderException(lineNumber, "expected 3 fields (order_id,sku,quantity), found "
                    + fields.length);
        }
        String orderId = fields[0].trim();
        String sku = fields[1].trim();
        if (orderId.isEmpty() || sku.isEmpty()) {
            throw new MalformedOrderException(lineNumber, "the order id and the sku must not be empty");
        }
        int quantity;
        try {
            quantity = Integer.parseInt(fields[2].trim());
        } catch (NumberFormatException e) {
            throw new MalformedOrderException(lineNumber, "quantity '" + fields[2].trim() + "' is not a whole number");
        }
        if (quantity < 1) {
            throw new MalformedOrderException(lineNumber, "quantity must be at least 1, was " + quantity);
        }
        return new Order(orderId, sku, quantity);
    }
}
