package com.example.orders;

import static dev.leakproof.LeakAssertions.assertThatRunning;
import static dev.leakproof.LeakAssertions.measure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import dev.leakproof.Measure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The order repository")
class OrderRepositoryTest {

    /** A pool of two connections: after two that are never given back, it has none left. */
    private static final int POOL_SIZE = 2;

    /** How long a caller waits for a free connection before the pool gives up: half a second. */
    private static final long CONNECTION_TIMEOUT_MS = 500;

    /** The orders table holds a customer reference of at most 100 characters. */
    private static final String CUSTOMER_TOO_LONG_FOR_ITS_COLUMN = "partner-import/" + "x".repeat(100);

    /**
     * The next release's migration, run while this release still serves: the column this code
     * writes and reads has a new name, so its statements no longer compile in the database.
     */
    private static final String MIGRATION_AHEAD_OF_THE_CODE =
            "ALTER TABLE orders ALTER COLUMN total_cents RENAME TO amount_cents";

    /** A refund the returns service stored in the same table, with a negative total no Order can hold. */
    private static final String REFUND_STORED_BY_ANOTHER_SERVICE =
            "INSERT INTO orders (id, customer, total_cents) VALUES ('R-1001', 'customer-7', -1990)";

    /** A database of its own for every test, in memory, with the orders table. */
    private final String database = "jdbc:h2:mem:orders-" + UUID.randomUUID();

    private HikariDataSource pool;
    private OrderRepository orders;

    @BeforeEach
    void openThePool() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("orders");
        config.setJdbcUrl(database + ";DB_CLOSE_DELAY=-1;INIT=RUNSCRIPT FROM 'classpath:schema.sql'");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(250);
        pool = new HikariDataSource(config);
        orders = new OrderRepository(pool);
    }

    /** Closes the pool, even one whose connections were never given back, then drops the database. */
    @AfterEach
    void closeThePoolAndDropTheDatabase() throws SQLException {
        try {
            if (pool != null) {
                pool.close();
            }
        } finally {
            try (Connection connection = DriverManager.getConnection(database);
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
    }

    @ContractTest
    @DisplayName("stores an order and finds it again by its id")
    void storesAndFindsAnOrder() {
        orders.save(new Order("A-1001", "customer-7", 4_990));

        assertThat(orders.findById("A-1001")).as("the order found for A-1001 after saving it")
                .contains(new Order("A-1001", "customer-7", 4_990));
    }

    @ContractTest
    @DisplayName("finds nothing for an id it never stored")
    void findsNothingForAnUnknownId() {
        orders.save(order("A-1001"));

        assertThat(orders.findById("A-9999")).as("the order found for A-9999, which was never saved").isEmpty();
    }

    @ContractTest
    @DisplayName("refuses an order whose id is stored already, and keeps the first one")
    void refusesADuplicateOrder() {
        orders.save(new Order("A-1001", "customer-7", 4_990));

        assertThatThrownBy(() -> orders.save(new Order("A-1001", "customer-8", 100)))
                .as("saving a second order A-1001")
                .isInstanceOf(DuplicateOrderException.class)
                .hasMessageStartingWith("order A-1001 is stored already");
        assertThat(orders.findById("A-1001")).as("the order found for A-1001: the first one saved")
                .contains(new Order("A-1001", "customer-7", 4_990));
    }

    @ContractTest
    @DisplayName("reports an order the database cannot store as a failure, not as a duplicate, and stores nothing")
    void reportsAnOrderTheDatabaseCannotStore() {
        assertThatThrownBy(() -> orders.save(new Order("A-1001", CUSTOMER_TOO_LONG_FOR_ITS_COLUMN, 4_990)))
                .as("saving an order whose customer is too long for its column")
                .isInstanceOf(OrderStoreException.class)
                .isNotInstanceOf(DuplicateOrderException.class)
                .hasMessageStartingWith("could not save order A-1001");
        assertThat(orders.findById("A-1001")).as("the order found for A-1001, which could not be stored").isEmpty();
    }

    @ContractTest
    @DisplayName("reports a stored row that is not a valid order, as the Order record rejects it")
    void reportsARowThatIsNotAnOrder() throws SQLException {
        onTheDatabaseDirectly(REFUND_STORED_BY_ANOTHER_SERVICE);

        assertThatThrownBy(() -> orders.findById("R-1001"))
                .as("finding R-1001, a row with a negative total")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("totalCents must not be negative");
    }

    @ContractTest
    @DisplayName("reports a failure to save or to read when the table no longer has the columns it uses")
    void reportsATableThatChanged() throws SQLException {
        orders.save(order("A-1001"));
        onTheDatabaseDirectly(MIGRATION_AHEAD_OF_THE_CODE);

        assertThatThrownBy(() -> orders.save(order("A-1002")))
                .as("saving an order after the column total_cents was renamed")
                .isInstanceOf(OrderStoreException.class)
                .isNotInstanceOf(DuplicateOrderException.class)
                .hasMessageStartingWith("could not save order A-1002");
        assertThatThrownBy(() -> orders.findById("A-1001"))
                .as("finding an order after the column total_cents was renamed")
                .isInstanceOf(OrderStoreException.class)
                .hasMessageStartingWith("could not read order A-1001");
    }

    @ContractTest
    @DisplayName("stores and finds many more orders than the pool has connections")
    void servesManyOrdersFromASmallPool() {
        IntStream.rangeClosed(1, 50).forEach(i -> orders.save(order("A-" + (1000 + i))));

        IntStream.rangeClosed(1, 50).forEach(i -> assertThat(orders.findById("A-" + (1000 + i)))
                .as("the order found for A-%d, one of 50 saved", 1000 + i)
                .contains(order("A-" + (1000 + i))));
    }

    @LeakTest
    @DisplayName("gives the connection back to the pool when it refuses an order that is stored already")
    void givesBackTheConnectionOfARefusedOrder() {
        Order order = order("A-1001");
        orders.save(order);

        var run = assertThatRunning(() -> {
            for (int i = 0; i < POOL_SIZE; i++) {
                assertThatThrownBy(() -> orders.save(order)).as("saving order A-1001 again")
                        .isInstanceOf(DuplicateOrderException.class);
            }
        }).leavesNoIncreaseIn(activeConnections());

        assertThat(run.thrown()).as("an exception from the orders above").isNull();
    }

    @LeakTest
    @DisplayName("gives the connection back to the pool when the database cannot store an order")
    void givesBackTheConnectionOfAFailedInsert() {
        var run = assertThatRunning(() -> {
            for (int i = 0; i < POOL_SIZE; i++) {
                Order order = new Order("A-" + (1001 + i), CUSTOMER_TOO_LONG_FOR_ITS_COLUMN, 1_990);
                assertThatThrownBy(() -> orders.save(order))
                        .as("saving an order whose customer is too long for its column")
                        .isInstanceOf(OrderStoreException.class)
                        .isNotInstanceOf(DuplicateOrderException.class);
            }
        }).leavesNoIncreaseIn(activeConnections());

        assertThat(run.thrown()).as("an exception from the orders above").isNull();
    }

    @LeakTest
    @DisplayName("still takes a new order within the pool's time-out after as many refused ones as the pool has connections")
    void takesANewOrderAfterRefusedOnes() {
        Order order = order("A-1001");
        orders.save(order);

        var run = assertThatRunning(() -> {
            for (int i = 0; i < POOL_SIZE; i++) {
                assertThatThrownBy(() -> orders.save(order)).as("saving order A-1001 again")
                        .isInstanceOf(DuplicateOrderException.class);
            }
            orders.save(order("A-1002"));
        }).leavesNoIncreaseIn(activeConnections());

        assertThat(run.thrown()).as("an exception from the orders above").isNull();
        assertThat(orders.findById("A-1002")).as("the order found for A-1002 after saving it")
                .contains(order("A-1002"));
    }

    @LeakTest
    @DisplayName("gives the connection back to the pool on every way out of a lookup: found, not found, not an order")
    void givesBackTheConnectionOfEveryLookup() throws SQLException {
        orders.save(order("A-1001"));
        onTheDatabaseDirectly(REFUND_STORED_BY_ANOTHER_SERVICE);

        var found = assertThatRunning(() -> {
            for (int i = 0; i < POOL_SIZE; i++) {
                assertThat(orders.findById("A-1001")).as("the order found for A-1001").isPresent();
            }
        }).as("finding A-1001, which is stored").leavesNoIncreaseIn(activeConnections());
        assertThat(found.thrown()).as("an exception from finding A-1001").isNull();

        var notFound = assertThatRunning(() -> {
            for (int i = 0; i < POOL_SIZE; i++) {
                assertThat(orders.findById("A-9999")).as("the order found for A-9999").isEmpty();
            }
        }).as("finding A-9999, which was never stored").leavesNoIncreaseIn(activeConnections());
        assertThat(notFound.thrown()).as("an exception from finding A-9999").isNull();

        var notAnOrder = assertThatRunning(() -> {
            for (int i = 0; i < POOL_SIZE; i++) {
                assertThatThrownBy(() -> orders.findById("R-1001"))
                        .as("finding R-1001, a row with a negative total")
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }).as("finding R-1001, a row that is not a valid order").leavesNoIncreaseIn(activeConnections());
        assertThat(notAnOrder.thrown()).as("an exception from the lookups of R-1001 above").isNull();
    }

    @LeakTest
    @DisplayName("gives the connection back to the pool when a statement fails before it runs, as after a migration")
    void givesBackTheConnectionOfAStatementThatCannotBePrepared() throws SQLException {
        orders.save(order("A-1001"));
        onTheDatabaseDirectly(MIGRATION_AHEAD_OF_THE_CODE);

        var saving = assertThatRunning(() -> {
            for (int i = 0; i < POOL_SIZE; i++) {
                Order order = order("A-" + (1002 + i));
                assertThatThrownBy(() -> orders.save(order)).as("saving an order after the column was renamed")
                        .isInstanceOf(OrderStoreException.class);
            }
        }).as("saving orders after a migration renamed a column").leavesNoIncreaseIn(activeConnections());
        assertThat(saving.thrown()).as("an exception from the orders above").isNull();

        var finding = assertThatRunning(() -> {
            for (int i = 0; i < POOL_SIZE; i++) {
                assertThatThrownBy(() -> orders.findById("A-1001"))
                        .as("finding an order after the column was renamed")
                        .isInstanceOf(OrderStoreException.class);
            }
        }).as("finding an order after a migration renamed a column").leavesNoIncreaseIn(activeConnections());
        assertThat(finding.thrown()).as("an exception from the lookups above").isNull();
    }

    /** Runs a statement on a connection of its own, outside the pool, as another service or a migration would. */
    private void onTheDatabaseDirectly(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Connections taken from the pool and not given back yet, as the pool itself counts them. */
    private Measure activeConnections() {
        return measure("active connections", () -> pool.getHikariPoolMXBean().getActiveConnections());
    }

    private static Order order(String id) {
        return new Order(id, "customer-7", 1_990);
    }
}
