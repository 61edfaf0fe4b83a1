-- Aggregate without GROUP BY over a filter (one row; a changelog in streaming mode).
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3)) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv');
SELECT COUNT(*) AS n, SUM(qty) AS total, MIN(ts) AS first_ts, MAX(product) AS last_product FROM orders WHERE price >= 1.5;
