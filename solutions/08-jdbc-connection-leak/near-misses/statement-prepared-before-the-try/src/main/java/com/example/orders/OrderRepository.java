package com.example.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Stores the shop's orders in the {@code orders} table.
 *
 * <p>One instance lives as long as the application. Its {@link DataSource} is the application's
 * connection pool, shared with every other part of the service that talks to the database.
 */
public class OrderRepository {

    private static final String INSERT = "INSERT INTO orders (id, customer, total_cents) VALUES (?, ?, ?)";
    private static final String SELECT_BY_ID = "SELECT id, customer, total_cents FROM orders WHERE id = ?";

    private final DataSource dataSource;

    public OrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a new order.
     *
     * @throws DuplicateOrderException if an order with the same id is stored already
     */
    public void save(Order order) {
        try {
            Connection connection = dataSource.getConnection();
            PreparedStatement insert = connection.prepareStatement(INSERT);
            try {
                insert.setString(1, order.id());
                insert.setString(2, order.customer());
                insert.setLong(3, order.totalCents());
                insert.executeUpdate();
            } finally {
                insert.close();
                connection.close();
            }
        } catch (SQLIntegrityConstraintViolationException e) {
            throw new DuplicateOrderException(order.id(), e);
        } catch (SQLException e) {
            throw new OrderStoreException("could not save order " + order.id(), e);
        }
    }

    /** The order with this id, or nothing if there is none. */
    public Optional<Order> findById(String id) {
        try {
            Connection connection = dataSource.getConnection();
            PreparedStatement select = connection.prepareStatement(SELECT_BY_ID);
            try {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new Order(rows.getString("id"), rows.getString("customer"), rows.getLong("total_cents")))
                            : Optional.empty();
                }
            } finally {
                select.close();
                connection.close();
            }
        } catch (SQLException e) {
            throw new OrderStoreException("could not read order " + id, e);
        }
    }
}
