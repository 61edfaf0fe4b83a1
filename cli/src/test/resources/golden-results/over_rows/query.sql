-- OVER ... ROWS BETWEEN 1 PRECEDING AND CURRENT ROW per customer in event-time order (in-order input: no row is late).
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3),
    WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event');
SELECT id, customer, SUM(qty) OVER w AS qty2, COUNT(*) OVER w AS n, MAX(price) OVER w AS hi
FROM orders WINDOW w AS (PARTITION BY customer ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);
