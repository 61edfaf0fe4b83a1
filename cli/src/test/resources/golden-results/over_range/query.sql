-- OVER ... RANGE BETWEEN INTERVAL '5' SECOND PRECEDING AND CURRENT ROW per customer (in-order input: no row is late).
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3),
    WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event');
SELECT id, customer, SUM(qty) OVER w AS qty5s, COUNT(*) OVER w AS n, MIN(price) OVER w AS lo
FROM orders WINDOW w AS (PARTITION BY customer ORDER BY ts RANGE BETWEEN INTERVAL '5' SECOND PRECEDING AND CURRENT ROW);
