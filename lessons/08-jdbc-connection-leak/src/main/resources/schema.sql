-- The orders table, as the service's database migrations create it.
CREATE TABLE IF NOT EXISTS orders (
    id          VARCHAR(36)  PRIMARY KEY,
    customer    VARCHAR(100) NOT NULL,
    total_cents BIGINT       NOT NULL
);
